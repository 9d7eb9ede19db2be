namespace Dashboard.Access.SignIn;

/// <summary>
/// Makes every refused sign-in take about as long as a wrong password for a real account. A wrong password costs a
/// hash plus the database writes that count the failure; an unknown name or a locked account costs only the hash,
/// so without this the time alone would tell an account that exists from one that does not. The typical duration of
/// a real wrong-password refusal is tracked (a moving average) and every other refusal waits until it has taken as
/// long; waiting costs no CPU.
/// </summary>
public sealed class RefusalPacing(TimeProvider time)
{
    // Weight of the newest measurement: about the last ten wrong passwords count.
    private const double Smoothing = 0.1;

    private long _typicalTicks;

    /// <summary>A real account's wrong password took from <paramref name="startedAt"/> until now: learn from it.</summary>
    public void RecordWrongPassword(long startedAt)
    {
        var took = time.GetElapsedTime(startedAt).Ticks;
        var typical = Interlocked.Read(ref _typicalTicks);
        Interlocked.Exchange(ref _typicalTicks, typical == 0 ? took : (long)(typical + (Smoothing * (took - typical))));
    }

    /// <summary>Waits until a refusal that began at <paramref name="startedAt"/> has taken as long as a typical wrong password.</summary>
    public Task PadAsync(long startedAt)
    {
        var remaining = TimeSpan.FromTicks(Interlocked.Read(ref _typicalTicks)) - time.GetElapsedTime(startedAt);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time) : Task.CompletedTask;
    }
}
