namespace DreamX.Tests.Support;

/// <summary>What `./dreamx.sh test` hands the suite: a PostgreSQL server, Chromium and the repository root.</summary>
public static class TestEnvironment
{
    /// <summary>A server-level connection string; each fixture creates its own database on it.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("DREAMX_TEST_DB")
        ?? throw new InvalidOperationException(
            "DREAMX_TEST_DB is not set: run the suite with ./dreamx.sh test, which starts a throwaway PostgreSQL cluster.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("DREAMX_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where tests leave what a person should look at (screenshots, rendered media).</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(RepositoryRoot, "TestResults", "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("DREAMX_REPO_ROOT") is { Length: > 0 } root)
            return root;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DreamX.Web.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (the folder holding DreamX.Web.sln).");
    }
}
