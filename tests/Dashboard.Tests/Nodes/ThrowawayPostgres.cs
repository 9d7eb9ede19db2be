using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// Debian's PostgreSQL 15 as a throwaway cluster: <c>initdb</c> in a temporary folder owned by the <c>postgres</c> user
/// (the server refuses to run as root), started by <c>pg_ctl</c> on a free loopback port with its unix socket in that
/// folder, a password for its one superuser. Disposing stops it (fast shutdown) and deletes the folder. Each test class
/// takes a database of its own (<see cref="CreateDatabaseAsync"/>), so classes share one server without sharing data.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncLifetime
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";

    private const string ServiceUser = "postgres";
    private const string SuperUser = "dashboard";

    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private string _directory = "";
    private int _databases;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Path.Combine(Binaries, "pg_ctl")), $"{Binaries}/pg_ctl is missing: install Debian's postgresql (scripts/test.sh does).");
        _directory = Directory.CreateTempSubdirectory("postgres-test-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, "password"), _password);
        await RunAsync("chown", "-R", ServiceUser, _directory);
        await RunAsServiceAsync("initdb", "-D", DataDirectory, "-U", SuperUser, "--pwfile", Path.Combine(_directory, "password"),
            "--auth=scram-sha-256", "-E", "UTF8", "--no-sync");
        File.Delete(Path.Combine(_directory, "password"));

        // A port picked now may be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_directory} -c fsync=off -c max_connections=200");
            var (code, output) = await TryRunAsServiceAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "30", "-o", options, "start");
            if (code == 0)
            {
                return;
            }

            if (attempt == 3)
            {
                Assert.Fail($"PostgreSQL did not start:{Environment.NewLine}{output}{Environment.NewLine}{ServerLog()}");
            }
        }
    }

    /// <summary>An empty database of its own, as a connection string (over TCP on loopback, with the password).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databases)}");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_directory.Length == 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await TryRunAsServiceAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = SuperUser,
        Password = _password,
    }.ConnectionString;

    private string ServerLog()
    {
        var log = Path.Combine(_directory, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private static async Task RunAsServiceAsync(string program, params string[] arguments)
    {
        var (code, output) = await TryRunAsServiceAsync(program, arguments);
        Assert.True(code == 0, $"{program} failed ({code}):{Environment.NewLine}{output}");
    }

    private static Task<(int Code, string Output)> TryRunAsServiceAsync(string program, params string[] arguments) =>
        TryRunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(Binaries, program), .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var (code, output) = await TryRunAsync(program, arguments);
        Assert.True(code == 0, $"{program} failed ({code}):{Environment.NewLine}{output}");
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
