using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// The clip players open on the Events page, by player id (random, part of their stream's address). A new stream of a
/// player replaces its previous one (a seek); pausing or closing the player stops its stream here, on the server, so a
/// closed dialog leaves no clip reader open; the player watches how far its stream has got. Streams of unknown players
/// are refused (a closed player's address, or a guess), so nothing here grows from requests alone.
/// </summary>
internal sealed class ClipPlayers
{
    private readonly ConcurrentDictionary<Guid, Player> _players = new();
    private int _streams;

    /// <summary>Streams of players being sent now, over all players.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Opens a player (its stream addresses carry <paramref name="player"/> from now on).</summary>
    public void Open(Guid player) => _players.TryAdd(player, new Player());

    /// <summary>Stops the player's stream (if one is being sent); the player stays open.</summary>
    public void Stop(Guid player)
    {
        if (_players.TryGetValue(player, out var open))
        {
            open.Stop();
        }
    }

    /// <summary>Stops the player's stream and forgets the player; its watchers end.</summary>
    public void Close(Guid player)
    {
        if (_players.TryRemove(player, out var open))
        {
            open.Stop();
            open.Positions.Writer.TryComplete();
        }
    }

    /// <summary>A new stream of an open player, replacing the one it had; null for a player that is not open.</summary>
    public PlayerStream? Begin(Guid player)
    {
        if (!_players.TryGetValue(player, out var open))
        {
            return null;
        }

        Interlocked.Increment(ref _streams);
        return new PlayerStream(open.Positions.Writer, () => Interlocked.Decrement(ref _streams), open.Replace());
    }

    /// <summary>Where the player's streams are, as they send frames; the newest replaces one not yet read. Ends when the player closes.</summary>
    public async IAsyncEnumerable<ClipPosition> WatchAsync(Guid player, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_players.TryGetValue(player, out var open))
        {
            yield break;
        }

        await foreach (var position in open.Positions.Reader.ReadAllAsync(cancellationToken))
        {
            yield return position;
        }
    }

    private sealed class Player
    {
        private readonly Lock _lock = new();
        private CancellationTokenSource? _current;

        public Channel<ClipPosition> Positions { get; } =
            Channel.CreateBounded<ClipPosition>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public CancellationToken Replace()
        {
            var next = new CancellationTokenSource();
            CancellationTokenSource? previous;
            lock (_lock)
            {
                previous = _current;
                _current = next;
            }

            Cancel(previous);
            return next.Token;
        }

        public void Stop()
        {
            CancellationTokenSource? current;
            lock (_lock)
            {
                current = _current;
                _current = null;
            }

            Cancel(current);
        }

        // Not disposed: a stream may still hold its token; a source without timers leaves nothing to free.
        private static void Cancel(CancellationTokenSource? source) => source?.Cancel();
    }
}

/// <summary>One stream of a player: its stop signal, where it reports its position, and its end (dispose).</summary>
internal sealed class PlayerStream(ChannelWriter<ClipPosition> positions, Action ended, CancellationToken stop) : IDisposable
{
    private int _disposed;

    public CancellationToken Stop => stop;

    /// <summary>Passes the position on while this is the player's stream (a replaced or stopped one says nothing more).</summary>
    public void Report(ClipPosition position)
    {
        if (!stop.IsCancellationRequested)
        {
            positions.TryWrite(position);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ended();
        }
    }
}
