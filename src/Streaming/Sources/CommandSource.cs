using System.ComponentModel;
using System.Diagnostics;
using System.IO.Pipelines;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Parsing;

namespace Streaming.Sources;

/// <summary>
/// Runs a program that writes MJPEG to stdout (rpicam-vid, ffmpeg, GStreamer) and passes its JPEG
/// frames through without decoding. The program is started with an argument list, never a shell.
/// </summary>
public sealed class CommandSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private const int StderrLinesKept = 5;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(3);

    private readonly MjpegFrameSplitter _splitter = new();
    private readonly Queue<string> _stderrTail = new();
    private Process? _process;
    private PipeReader? _stdout;

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
        _stdout = PipeReader.Create(process.StandardOutput.BaseStream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var stdout = _stdout ?? throw new InvalidOperationException("The source is not open.");
        while (true)
        {
            var result = await stdout.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var found = _splitter.TryReadFrame(ref buffer, out var jpeg);
            stdout.AdvanceTo(buffer.Start, found ? buffer.Start : buffer.End);
            if (found)
            {
                JpegInfo.TryReadSize(jpeg, out var width, out var height);
                return SourceFrame.FromJpeg(jpeg, width, height, time.GetUtcNow());
            }

            if (result.IsCompleted)
            {
                throw new FrameSourceException(await DescribeExitAsync());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stdout is not null)
        {
            await _stdout.CompleteAsync();
        }

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

    private async Task<string> DescribeExitAsync()
    {
        var process = _process!;
        using (var wait = new CancellationTokenSource(ExitWait))
        {
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                return $"'{camera.Command}' closed its output but did not exit.";
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
