using System.Diagnostics;

namespace Dashboard.Tests.Operations;

/// <summary>
/// Reads the inner stream no faster than a given rate, in small reads, like a client on a poor link. The pauses
/// pace the reader; they are not waits for a condition.
/// </summary>
internal sealed class SlowReadStream(Stream inner, int bytesPerSecond) : Stream
{
    private const int MaxRead = 2048;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var due = TimeSpan.FromSeconds((double)_read / bytesPerSecond) - Stopwatch.GetElapsedTime(_started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellationToken);
        }

        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, MaxRead)], cancellationToken);
        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
