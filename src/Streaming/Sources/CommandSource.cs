using System.ComponentModel;
using System.Diagnostics;
using Streaming.Cameras;
using Streaming.Parsing;

namespace Streaming.Sources;

/// <summary>
/// Runs a program that writes MJPEG to stdout (rpicam-vid, ffmpeg, GStreamer) and passes its JPEG
/// frames through without decoding. The program is started with an argument list, never a shell. A camera's
/// capture thread reads the pipe with blocking reads (the program's write wakes it directly); cancelling such a
/// read ends the program, whose output then closes.
/// </summary>
public sealed class CommandSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private const int StderrLinesKept = 5;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(3);

    private readonly MjpegFrameSplitter _splitter = new();
    private readonly Queue<string> _stderrTail = new();
    private Process? _process;
    private StreamWindow? _stdout;
    private CancellationTokenRegistration _endOnCancel;
    private CancellationToken _endsOn;

    /// <summary>The operating system id of the running program (for tests and diagnostics).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        var program = CameraDefinitionValidator.ResolveProgram(camera.Command ?? "")
            ?? throw new FrameSourceException($"Command '{camera.Command}' was not found.");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in camera.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => KeepStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new FrameSourceException($"Could not start '{camera.Command}': {ex.Message}", ex);
        }

        process.BeginErrorReadLine();
        _process = process;
        _stdout = new StreamWindow(process.StandardOutput.BaseStream);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var stdout = Stdout;
        SourceFrame? frame;
        while ((frame = TakeFrame(stdout)) is null)
        {
            if (!await stdout.FillAsync(cancellationToken))
            {
                throw new FrameSourceException(DescribeExit());
            }
        }

        return frame;
    }

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        var stdout = Stdout;
        EndOnCancel(cancellationToken);
        SourceFrame? frame;
        while ((frame = TakeFrame(stdout)) is null)
        {
            if (!stdout.Fill())
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new FrameSourceException(DescribeExit());
            }
        }

        return frame;
    }

    private StreamWindow Stdout => _stdout ?? throw new InvalidOperationException("The source is not open.");

    private SourceFrame? TakeFrame(StreamWindow stdout)
    {
        var buffer = stdout.Buffer;
        var frame = _splitter.TrySliceFrame(ref buffer, out var jpeg) ? SourceFrame.CopyFrom(jpeg, time.GetUtcNow()) : null;
        stdout.Consume(buffer);
        return frame;
    }

    /// <summary>A blocking read ends when the pipe closes: cancelling it ends the program (once per token, not per frame).</summary>
    private void EndOnCancel(CancellationToken cancellationToken)
    {
        if (cancellationToken == _endsOn)
        {
            return;
        }

        _endOnCancel.Dispose();
        _endsOn = cancellationToken;
        _endOnCancel = cancellationToken.UnsafeRegister(static source => ((CommandSource)source!).Kill(), this);
    }

    private void Kill()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _endOnCancel.DisposeAsync();
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                using var wait = new CancellationTokenSource(ExitWait);
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or Win32Exception)
            {
                // Already gone, or the kill raced with its exit: nothing is left to release.
            }

            process.Dispose();
        }

        _stdout?.Dispose();
    }

    private void KeepStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line.Trim());
            while (_stderrTail.Count > StderrLinesKept)
            {
                _stderrTail.Dequeue();
            }
        }
    }

    private string DescribeExit()
    {
        var process = _process!;
        if (!process.WaitForExit(ExitWait))
        {
            return $"'{camera.Command}' closed its output but did not exit.";
        }

        // The stderr reader hands over the last lines after the exit; give it a moment (a grandchild may hold stderr).
        using (var drained = new CancellationTokenSource(ExitWait))
        {
            try
            {
                process.WaitForExitAsync(drained.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }
        }

        string tail;
        lock (_stderrTail)
        {
            tail = _stderrTail.LastOrDefault() ?? "";
        }

        var code = process.ExitCode;
        return tail.Length == 0
            ? $"'{camera.Command}' exited with code {code}."
            : $"'{camera.Command}' exited with code {code}: {Redaction.RedactText(tail, camera)}";
    }
}
