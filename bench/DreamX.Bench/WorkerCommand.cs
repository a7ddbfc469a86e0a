using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Bench;

/// <summary>
/// <c>worker --db CS --scheduler NAME --log FILE [--slow-ms N] [--video-storage DIR] [--shutdown-grace T] [--lease T]</c>: runs a scheduler of the cluster NAME until killed, with no-op steps
/// that append "start|end TASKID" lines to FILE (and wait N ms after starting). The engine's crash-recovery and two-scheduler tests start it.
/// </summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var log = arguments.Required("log");
        var settings = new Dictionary<string, string?>
        {
            ["SchedulerName"] = arguments.Required("scheduler"),
            ["MaxConcurrency"] = arguments.Optional("concurrency") ?? "4",
            ["IdleWaitTime"] = "00:00:01",
            ["ClusterCheckinInterval"] = "00:00:01",
            // A loaded 2-core machine can delay a check-in past a second: the other scheduler would then
            // take the live one for dead and run its tasks again.
            ["ClusterCheckinMisfireThreshold"] = "00:00:05",
            ["RetryBaseDelay"] = "00:00:00.050",
            ["SweepInterval"] = "00:00:02",
            ["ShutdownGrace"] = arguments.Optional("shutdown-grace") ?? "00:00:10",
            ["LeaseDuration"] = arguments.Optional("lease") ?? "00:00:30",
        };
        var slow = TimeSpan.FromMilliseconds(arguments.Number("slow-ms", 0));
        using var host = EngineHost.Build(arguments.Required("db"), settings, step => new LoggingStep(step, log, slow), arguments.Optional("video-storage"));
        // Warm up EF (model, query compilation) so the first task's timing is the engine's, not the JIT's.
        await host.Services.GetRequiredService<IGenerationTasks>().ListAsync(new TaskQuery("warm-up"));
        await host.StartAsync();
        Console.WriteLine("worker ready");
        await host.WaitForShutdownAsync();
        return 0;
    }

    private sealed class LoggingStep(IGenerationStep inner, string log, TimeSpan slow) : IGenerationStep
    {
        private static readonly Lock Gate = new();

        public DreamX.Domain.Generation.GenerationTaskType TaskType => inner.TaskType;

        public StepRoute? Route(DreamX.Domain.Generation.GenerationTask task) => inner.Route(task);

        public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
        {
            Append($"start {context.Task.Id}");
            if (slow > TimeSpan.Zero)
                await Task.Delay(slow, context.CancellationToken);
            if (FfmpegSeconds(context.Task) is { } seconds)
                await EncodeAsync(context, seconds);
            var result = await inner.ExecuteAsync(context);
            Append($"end {context.Task.Id}");
            return result;
        }

        public Task ApplyAsync(DreamX.Domain.Generation.GenerationTask task, string resultJson, CancellationToken cancellationToken) =>
            inner.ApplyAsync(task, resultJson, cancellationToken);

        /// <summary>A task whose input has <c>"ffmpegSeconds": N</c> runs a real ffmpeg for N seconds (read at its native
        /// rate), started and stopped as the compose starts and stops its encodes; "encoding TASKID" is logged once it runs.</summary>
        private static int? FfmpegSeconds(DreamX.Domain.Generation.GenerationTask task)
        {
            using var input = System.Text.Json.JsonDocument.Parse(task.InputJson ?? "{}");
            return input.RootElement.TryGetProperty("ffmpegSeconds", out var seconds) ? seconds.GetInt32() : null;
        }

        private async Task EncodeAsync(GenerationStepContext context, int seconds)
        {
            var folder = Directory.CreateTempSubdirectory("dreamx-worker-ffmpeg-").FullName;
            try
            {
                var told = 0;
                var encoded = await DreamX.Infrastructure.Media.Compose.FfmpegProcess.RunAsync(
                    ["-re", "-f", "lavfi", "-i", $"testsrc=size=160x120:rate=10:duration={seconds}", "-c:v", "mpeg4", "out.mp4"],
                    folder, context.CancellationToken, _ =>
                    {
                        if (Interlocked.Exchange(ref told, 1) == 0)
                            Append($"encoding {context.Task.Id}");
                    });
                if (encoded.IsFailure)
                    throw new InvalidOperationException($"the encode failed: {encoded.Error}");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private void Append(string line)
        {
            lock (Gate)
                File.AppendAllText(log, line + "\n");
        }
    }
}
