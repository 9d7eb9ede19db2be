using System.Diagnostics;

namespace TileBench;

/// <summary>What the tile socket did with N tiles in the measuring window.</summary>
internal sealed record RunResult(
    int Tiles,
    double FpsMin,
    double FpsMedian,
    double AgeMeanMs,
    double AgeP95Ms,
    double ServerCpu,
    double BrowserCpu,
    double MachineBusy,
    double OtherCpu,
    double ClickMedianMs,
    double ClickMaxMs);

/// <summary>One run: start the app and a browser, open the grid, let it stream, then measure.</summary>
internal static class TileRun
{
    private const string Images = "img.camera-tile__image";

    /// <summary>The camera menu's popover is open and shows its heading.</summary>
    private const string MenuOpen = "[...document.querySelectorAll('.mud-popover-open')].some(p => p.textContent.includes('Cameras on the grid'))";

    public static async Task<RunResult> RunAsync(string dashboardDll, BenchOptions options, int tiles)
    {
        using var server = DashboardServer.Start(dashboardDll, options, tiles);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));

        // Medium tiles in five columns on a 1920 px wide window; tall enough for every row to be in view.
        var height = 160 + ((tiles + 4) / 5 * 240);
        await using var browser = await CdpBrowser.LaunchAsync(1920, height);
        await OpenGridAsync(browser, server.Address!);
        await WaitUntilAsync(browser, $"document.querySelectorAll('{Images}').length === {tiles}", TimeSpan.FromSeconds(30));
        try
        {
            await WaitUntilAsync(browser, $"[...document.querySelectorAll('{Images}')].every(i => Number(i.dataset.frames || 0) > 0)", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Some tile has not shown a single frame in 30 s (an overloaded server): measure anyway, it shows as 0 fps.
            Console.Error.WriteLine("  not every tile showed a frame within 30 s");
        }
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));

        var (frames0, ageTotal0) = await ReadCountersAsync(browser);
        var serverCpu0 = CpuMeter.Process(server.Id);
        var browserCpu0 = CpuMeter.Tree(browser.ProcessId);
        var benchCpu0 = CpuMeter.Bench();
        var machine0 = CpuMeter.Machine();
        var wall = Stopwatch.StartNew();
        var ages = new List<double>();
        while (wall.Elapsed < TimeSpan.FromSeconds(options.Seconds))
        {
            await Task.Delay(250);
            ages.AddRange(await browser.EvaluateAsync<double[]>($"[...document.querySelectorAll('{Images}')].map(i => Number(i.dataset.ageMs || 0))"));
        }

        var (frames1, ageTotal1) = await ReadCountersAsync(browser);
        var serverCpu = CpuMeter.Percent(CpuMeter.Process(server.Id) - serverCpu0, wall);
        var browserCpu = CpuMeter.Percent(CpuMeter.Tree(browser.ProcessId) - browserCpu0, wall);
        var benchCpu = CpuMeter.Percent(CpuMeter.Bench() - benchCpu0, wall);
        var machine1 = CpuMeter.Machine();
        var machineBusy = 100.0 * (machine1.Busy - machine0.Busy) / Math.Max(1, machine1.Total - machine0.Total);
        var seconds = wall.Elapsed.TotalSeconds;
        var fps = frames1.Zip(frames0, (b, a) => (b - a) / seconds).Order().ToArray();
        var shown = frames1.Sum() - frames0.Sum();
        var ageMean = shown == 0 ? double.NaN : (ageTotal1.Sum() - ageTotal0.Sum()) / shown;

        // UI responsiveness while the tiles keep streaming: click "Cameras", time until its menu shows.
        var clicks = new List<double>();
        try
        {
            for (var i = 0; i < options.Clicks; i++)
            {
                clicks.Add(await TimeMenuOpenAsync(browser).WaitAsync(TimeSpan.FromSeconds(30)));
                await CloseMenuAsync(browser);
            }
        }
        catch (TimeoutException)
        {
            // The page no longer answers within seconds: report it as such (infinity) instead of a number.
            clicks.Add(double.PositiveInfinity);
        }

        clicks.Sort();
        return new RunResult(
            tiles,
            fps[0],
            Median(fps),
            ageMean,
            Percentile(ages, 0.95),
            serverCpu,
            browserCpu,
            machineBusy,
            Math.Max(0, (machineBusy * Environment.ProcessorCount) - serverCpu - browserCpu - benchCpu),
            clicks.Count == 0 ? double.NaN : Median([.. clicks]),
            clicks.Count == 0 ? double.NaN : clicks[^1]);
    }

    /// <summary>Opens the grid, signing in through the form (a normal form post) when the app asks for it.</summary>
    private static async Task OpenGridAsync(CdpBrowser browser, Uri address)
    {
        await browser.NavigateAsync(address);
        const string SignInForm = "document.getElementById('user-name') !== null";
        const string Grid = "[...document.querySelectorAll('h1')].some(h => h.textContent.trim() === 'Live')";
        await WaitUntilAsync(browser, $"{SignInForm} || {Grid}", TimeSpan.FromSeconds(30));
        if (await browser.EvaluateAsync<bool>(SignInForm))
        {
            await browser.EvaluateAsync($$"""
                (() => {
                    document.getElementById('user-name').value = '{{DashboardServer.AdminUser}}';
                    document.getElementById('password').value = '{{DashboardServer.AdminPassword}}';
                    document.getElementById('user-name').form.requestSubmit();
                    return true;
                })()
                """);
            await WaitUntilAsync(browser, Grid, TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<(long[] Frames, double[] AgeTotals)> ReadCountersAsync(CdpBrowser browser)
    {
        var rows = await browser.EvaluateAsync<double[][]>(
            $"[...document.querySelectorAll('{Images}')].map(i => [Number(i.dataset.frames || 0), Number(i.dataset.ageTotalMs || 0)])");
        return ([.. rows.Select(r => (long)r[0])], [.. rows.Select(r => r[1])]);
    }

    /// <summary>Time from the click to the menu in the page, measured in the page (a MutationObserver).</summary>
    private static async Task<double> TimeMenuOpenAsync(CdpBrowser browser) => await browser.EvaluateAsync<double>(
        """
        new Promise(resolve => {
            const button = [...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Cameras");
            const start = performance.now();
            const shown = () => [...document.querySelectorAll(".mud-popover-open")].some(p => p.textContent.includes("Cameras on the grid"));
            const observer = new MutationObserver(() => {
                if (shown()) { observer.disconnect(); resolve(performance.now() - start); }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
            button.click();
        })
        """);

    /// <summary>Closes the menu by clicking its button again (it toggles), again if the first click came too early.</summary>
    private static async Task CloseMenuAsync(CdpBrowser browser)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await browser.EvaluateAsync("[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Cameras').click()");
            try
            {
                await WaitUntilAsync(browser, $"!({MenuOpen})", TimeSpan.FromSeconds(3));
                return;
            }
            catch (TimeoutException)
            {
                // The click came before the menu was ready for it (a busy machine): click again.
            }
        }

        throw new TimeoutException("The camera menu did not close.");
    }

    /// <summary>Polls a condition in the page (every 50 ms) until it holds or the time is up.</summary>
    private static async Task WaitUntilAsync(CdpBrowser browser, string condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await browser.EvaluateAsync<bool>($"!!({condition})"))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {condition}");
            }

            await Task.Delay(50);
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
