using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Persistence;

/// <summary>The Quartz.NET PostgreSQL job-store DDL, read from the embedded script of the Quartz assembly we run with.</summary>
internal static partial class QuartzSchema
{
    public const string TablePrefix = "qrtz_";
    private const string ResourceName = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static IReadOnlyList<string> CreateStatements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The Quartz assembly has no '{ResourceName}'.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);

        // Statements are separated by a line reading exactly '--;;'; other lines starting with '--' are comments.
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in script.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line == "--;;")
            {
                Flush();
                continue;
            }
            if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal))
                current.Add(line);
        }
        Flush();
        return statements;

        void Flush()
        {
            var statement = string.Join('\n', current).Trim();
            if (statement.Length > 0)
                statements.Add(statement);
            current.Clear();
        }
    }

    public static IEnumerable<string> DropStatements() =>
        CreateStatements()
            .Select(statement => CreateTable().Match(statement))
            .Where(match => match.Success)
            .Select(match => $"DROP TABLE IF EXISTS {match.Groups[1].Value} CASCADE;")
            .Reverse();

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
