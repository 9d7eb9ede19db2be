using System.Runtime.InteropServices;
using StreamingBench;

if (args is ["floor", ..])
{
    // The floor sender, started by the bench as its own process.
    using var floorStop = new CancellationTokenSource();
    using var onFloorTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => floorStop.Cancel());
    return await FloorServer.RunAsync(args, floorStop.Token);
}

if (!BenchOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

// Ctrl+C and SIGTERM cancel the run, so the finally blocks kill the server and delete the temp folder;
// a second signal terminates at once.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    return options.Relay > 0 ? await RelayRun.RunAsync(options, stop.Token) : await BenchRun.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; the server was stopped.");
    return 130;
}
