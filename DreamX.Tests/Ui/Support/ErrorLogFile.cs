using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Ui.Support;

/// <summary>
/// Writes the studio's errors (e.g. an exception that ended a circuit: the page then shows Blazor's error bar) to
/// <c>TestResults/artifacts/studio-errors.log</c>, so a UI test that failed on a loaded CI machine leaves its cause behind.
/// </summary>
public sealed class ErrorLogFile : ILoggerProvider
{
    private static readonly Lock Gate = new();
    private readonly string _path = Path.Combine(DreamX.Tests.Support.TestEnvironment.ArtifactsDirectory, "studio-errors.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.AppendAllText(_path, line);
        }
    }

    private sealed class FileLogger(ErrorLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                file.Write($"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}\n{exception}\n\n");
        }
    }
}
