using System.Globalization;
using System.Runtime.InteropServices;
using CaptureBench;
using StreamingBench;

// CaptureBench: what one camera costs the server per captured frame with one viewer, for each camera kind
// on the same 1280x720 MJPEG material at 30 fps, against a minimal sender measured in the same run.
// Usage: dotnet run -c Release --project bench/CaptureBench -- [--windows 6] [--window 10] [--kinds ...] [--output results.md] [--no-build]
if (args is ["floor", ..])
{
    // The floor sender (and the Http camera's remote), started by the bench as its own process.
    using var floorStop = new CancellationTokenSource();
    using var onFloorTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => floorStop.Cancel());
    return await FloorServer.RunAsync(args, floorStop.Token);
}

var options = CaptureOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(CaptureOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

string report;
try
{
    report = await CaptureRun.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Ctrl+C: the servers are stopped and the temporary folder deleted on the way out.
    return 130;
}

Console.WriteLine();
Console.Write(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Markdown written to {Path.GetFullPath(output)}"));
}

return 0;
