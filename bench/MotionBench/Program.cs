using System.Globalization;
using MotionBench;

// MotionBench: what motion detection costs per camera at 5 checks per second, against the same cameras without it
// in the same run. Usage: dotnet run -c Release --project bench/MotionBench -- [--cameras 4] [--rounds 3]
// [--window 10] [--output results.md]
var options = MotionBenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(MotionBenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var report = await MotionRun.RunAsync(options, stop.Token);
Console.WriteLine();
Console.Write(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Markdown written to {Path.GetFullPath(output)}"));
}

return 0;
