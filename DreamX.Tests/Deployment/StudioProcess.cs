using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DreamX.Tests.Deployment;

/// <summary>
/// The studio as its own process (the built DreamX.Web.dll, as <c>./dreamx.sh run</c> and a container start it) on a
/// free port, configured only through its environment: what one instance of a scaled-out deployment is.
/// </summary>
public sealed class StudioProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private StudioProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output.TakeLast(60));
        }
    }

    /// <summary>Starts an instance with <paramref name="settings"/> (configuration keys, ':' separated) and waits for /health.</summary>
    public static async Task<StudioProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var web = Path.Combine(RepositoryRoot(), "DreamX.Web");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(web, "bin", "Release", "net10.0", "DreamX.Web.dll")])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Studio__PublicUrl"] = url;
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var studio = new StudioProcess(Process.Start(info) ?? throw new InvalidOperationException("The studio did not start."), new Uri(url));

        // Generous: a loaded 2-core machine (other test collections, browsers, ffmpeg) starts a process slowly.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(4))
        {
            if (studio._process.HasExited)
                throw new InvalidOperationException($"The studio exited with {studio._process.ExitCode} while starting:\n{studio.Output}");
            try
            {
                if ((await http.GetAsync($"{url}/health")).StatusCode == HttpStatusCode.OK)
                    return studio;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        await studio.DisposeAsync();
        throw new TimeoutException($"The studio did not answer /health within 4 minutes:\n{studio.Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DreamX.Web.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (DreamX.Web.sln) was not found above the test assembly.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
