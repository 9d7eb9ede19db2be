namespace Tests.Shared;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): polls until true or fails the test.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }

            await Task.Delay(10);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Awaits a task, failing the test if it takes longer than the timeout.</summary>
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? DefaultTimeout);

    public static async Task<T> Within<T>(this ValueTask<T> task, TimeSpan? timeout = null) =>
        await task.AsTask().WaitAsync(timeout ?? DefaultTimeout);
}
