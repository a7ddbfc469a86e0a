using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DreamX.Infrastructure.Storage;

namespace DreamX.Tests.Infrastructure.Storage;

/// <summary>
/// A real fake-S3 server (the npm package s3rver, installed under tools/s3rver by <c>./dreamx.sh test</c>)
/// on a free local port with a throw-away data folder, shared by the tests of <see cref="S3rverCollection"/>.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>Overrides where the s3rver executable is looked for.</summary>
    public const string ExecutableVariable = "DREAMX_S3RVER";

    /// <summary>s3rver's built-in credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly TemporaryFolder _data = new();
    private Process? _server;

    public string Endpoint { get; private set; } = "";

    /// <summary>The transport to give the storage under test; see <see cref="S3rverListingNamespaceFix"/>.</summary>
    public HttpMessageHandler Transport { get; } = new S3rverListingNamespaceFix { InnerHandler = new SocketsHttpHandler() };

    /// <summary>Options for a storage on its own fresh bucket, so tests never see each other's objects.</summary>
    public S3StorageOptions OptionsForNewBucket() => new()
    {
        Endpoint = Endpoint,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        Bucket = $"test-{Guid.NewGuid():N}",
        UseSsl = false,
    };

    public async Task InitializeAsync()
    {
        var executable = FindExecutable();
        var port = FreePort();
        Endpoint = $"127.0.0.1:{port}";

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--directory", _data.Path, "--address", "127.0.0.1", "--port", port.ToString(), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        await WaitUntilListeningAsync(port);
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        Transport.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_server!.HasExited)
            {
                var error = await _server.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"s3rver exited with code {_server.ExitCode} before listening: {error}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"s3rver did not listen on port {port} within {StartTimeout.TotalSeconds} s.");
    }

    private static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        var executable = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", ".bin", "s3rver");

        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException(
                $"s3rver is not installed (looked for {executable}). Run ./dreamx.sh test, which installs it " +
                $"(or `npm ci` in tools/s3rver), or point {ExecutableVariable} at an s3rver executable.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DreamX.Web.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No DreamX.Web.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
