using System.Diagnostics;
using System.Runtime.Versioning;

namespace Dashboard.Tests.Operations;

/// <summary>
/// The README's two commands, <c>scripts/run-demo.sh</c> and <c>scripts/test.sh</c>, run for real up to the point
/// where they hand over to <c>dotnet</c>: a stand-in <c>dotnet</c> first on the PATH writes down what it was started
/// with (arguments, environment, the kernel setting it found) instead of building and running anything.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ScriptTests : IDisposable
{
    private const string NotSentLowWaterSetting = "net.ipv4.tcp_notsent_lowat";

    private readonly string _directory = Directory.CreateTempSubdirectory("script-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DemoScriptRunsTheAppInProductionOnThisMachineOnlyByDefault()
    {
        var run = (await RunAsync("scripts/run-demo.sh", [], new Dictionary<string, string?>())).Single();

        Assert.Equal("Production", run.Environment);
        Assert.Equal(["run", "--project", "src/Dashboard", "-c", "Release", "--no-launch-profile", "--", "--urls", "http://localhost:5000"], run.Arguments);
    }

    /// <summary>The memory settings only the environment can make (docs/benchmarks.md, "Footprint") are the service's.</summary>
    [Fact]
    public async Task DemoScriptRunsTheAppWithTheServicesMemorySettings()
    {
        var unit = await File.ReadAllLinesAsync(Repository.File("docs/deploy/systemd/camera-dashboard.service"));
        string FromUnit(string name) => unit.Single(l => l.StartsWith($"Environment={name}=", StringComparison.Ordinal))["Environment=".Length..];

        var run = (await RunAsync("scripts/run-demo.sh", [], new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = null, ["MALLOC_ARENA_MAX"] = null })).Single();

        Assert.Equal($"{FromUnit("DOTNET_GCgen0size")} {FromUnit("MALLOC_ARENA_MAX")}", run.Memory);
    }

    [Fact]
    public async Task DemoScriptKeepsTheEnvironmentAndAddressItIsGiven()
    {
        var development = (await RunAsync("scripts/run-demo.sh", [], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:8080",
        })).Single();
        var everywhere = (await RunAsync("scripts/run-demo.sh", ["--urls", "http://0.0.0.0:5000"], new Dictionary<string, string?>())).Single();

        Assert.Equal("Development", development.Environment);
        Assert.Equal(["--urls", "http://0.0.0.0:8080"], development.Arguments[^2..]);
        Assert.Equal("Production", everywhere.Environment);
        Assert.Equal(["--", "--urls", "http://0.0.0.0:5000"], everywhere.Arguments[^3..]);
    }

    /// <summary>
    /// Run in a network namespace of its own, where the setting starts at the kernel's default, so that even a
    /// script that sets it (as test.sh once did, for the whole machine) changes nothing outside.
    /// </summary>
    [Fact]
    public async Task TestScriptLeavesTheKernelsNetworkSettingsAsItFoundThem()
    {
        using var network = await NetworkNamespace.CreateAsync(new Dictionary<string, string>());
        var before = network.KernelSetting(NotSentLowWaterSetting);

        // Its output goes to artifacts of its own: in the repository's it would cut the log of the run this test is in.
        var artifacts = Path.Combine(_directory, "artifacts");
        var starts = await RunAsync("scripts/test.sh", [], new Dictionary<string, string?> { ["TEST_ARTIFACTS"] = artifacts }, network);
        var run = starts.Single(s => s.Arguments is ["test", ..]);

        Assert.Equal(["test", "Dashboard.sln", "-c", "Release"], run.Arguments[..4]);
        Assert.True(File.Exists(Path.Combine(artifacts, "test-output.log")), "test.sh wrote its output somewhere other than TEST_ARTIFACTS.");
        Assert.Equal(before, run.NotSentLowWater);
        Assert.Equal(before, network.KernelSetting(NotSentLowWaterSetting));
    }

    /// <summary>What the stand-in <c>dotnet</c> was started with.</summary>
    private sealed record DotnetStart(string[] Arguments, string Environment, string NotSentLowWater, string Memory);

    /// <summary>Runs <paramref name="script"/> and returns every start of the stand-in <c>dotnet</c>.</summary>
    private async Task<IReadOnlyList<DotnetStart>> RunAsync(string script, string[] arguments, Dictionary<string, string?> environment, NetworkNamespace? network = null)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        // One file per start: test.sh runs the build and the arm64 publish at once, so one file would interleave them.
        var record = Path.Combine(_directory, "dotnet-starts");
        if (Directory.Exists(record))
        {
            Directory.Delete(record, recursive: true);
        }

        Directory.CreateDirectory(record);
        var dotnet = Path.Combine(bin, "dotnet");
        await File.WriteAllTextAsync(dotnet, """
            #!/bin/sh
            {
              echo "ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT-}"
              echo "lowat=$(cat /proc/sys/net/ipv4/tcp_notsent_lowat)"
              echo "memory=DOTNET_GCgen0size=${DOTNET_GCgen0size-} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-}"
              for argument in "$@"; do echo "arg=$argument"; done
            } > "$DOTNET_START_RECORD/$$"
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Repository.File(script), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PATH"] = $"{bin}:{start.Environment["PATH"]}";
        start.Environment["DOTNET_START_RECORD"] = record;
        using var process = Process.Start(network?.Enter(start) ?? start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0 && Directory.EnumerateFiles(record).Any(), $"{script} exited with {process.ExitCode} without starting dotnet:{Environment.NewLine}{await output}{await errors}");

        var starts = new List<DotnetStart>();
        foreach (var file in Directory.EnumerateFiles(record))
        {
            var lines = await File.ReadAllLinesAsync(file);
            string Value(string prefix) => lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
            starts.Add(new DotnetStart(
                [.. lines.Where(l => l.StartsWith("arg=", StringComparison.Ordinal)).Select(l => l["arg=".Length..])],
                Value("ASPNETCORE_ENVIRONMENT="),
                Value("lowat="),
                Value("memory=")));
        }

        return starts;
    }
}
