using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DreamX.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own, for fault injection: the test may stop and start it (an outage) without
/// touching the shared cluster the other tests run on. It keeps its port across restarts, as a restarted server does.
/// Root runs the server binaries as the postgres OS user (initdb refuses root), as scripts/lib/postgres.sh does.
/// </summary>
public sealed class DedicatedPostgresCluster : IAsyncDisposable
{
    private readonly string _base;
    private readonly string _bin;
    private readonly int _port;

    private DedicatedPostgresCluster(string @base, string bin, int port)
    {
        _base = @base;
        _bin = bin;
        _port = port;
    }

    /// <summary>A server-level connection string (database postgres).</summary>
    public string ServerConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    private string DataFolder => Path.Combine(_base, "data");

    private string LogFile => Path.Combine(_base, "postgres.log");

    public static async Task<DedicatedPostgresCluster> CreateAsync()
    {
        // Named and marked like dreamx.sh's throwaway clusters, so its sweep removes one a killed run left behind.
        var @base = Directory.CreateTempSubdirectory("dreamx-outage-pg.").FullName;
        await File.WriteAllTextAsync(Path.Combine(@base, "owner.pid"), Environment.ProcessId + "\n");
        var cluster = new DedicatedPostgresCluster(@base, FindBinaries(), FreePort());
        if (Environment.UserName == "root")
            await RunAsync("chown", "-R", "postgres:", @base);
        await cluster.AsOwnerAsync("initdb", "-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() =>
        AsOwnerAsync("pg_ctl", "-D", DataFolder, "-l", LogFile, "-w", "-t", "120", "-o",
            $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c max_connections=200",
            "start");

    /// <summary>A fast shutdown: every connection is cut, new ones are refused until <see cref="StartAsync"/>.</summary>
    public Task StopAsync() => AsOwnerAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "-t", "120", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(_base, recursive: true);
    }

    private Task AsOwnerAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static string FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderBy(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
                .LastOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (install postgresql-15)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
