using System.Text.Json;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>What became of a completion callback.</summary>
public enum ProviderCallbackOutcome
{
    /// <summary>Verified; the task waiting on the job polls it now.</summary>
    Accepted,

    /// <summary>No valid signature for this provider (also: an unknown provider or one without a callback secret).</summary>
    BadSignature,

    /// <summary>Signed, but the body names no job.</summary>
    Malformed,

    /// <summary>Signed, but no task holds that job (finished, cancelled, or never ours).</summary>
    UnknownJob,
}

/// <summary>
/// Completion callbacks from remote generation workers and providers (seed 003): a POST signed like our own outbound
/// webhooks (<see cref="WebhookSignature"/>, keyed with the provider's callback secret, timestamp within
/// <see cref="Tolerance"/>) that names the provider's job. A verified callback wakes the task that holds the job
/// (on whichever instance runs it), which then polls the provider at once: the provider's own answer stays the one the
/// clip is taken from, so a callback can hurry a task but never forge its result. A bad signature changes nothing.
/// </summary>
public sealed class ProviderCallbacks(
    IDbContextFactory<DreamXDbContext> contexts,
    ProviderKeyProtector keys,
    TaskNotifications notifications,
    TimeProvider time,
    ILogger<ProviderCallbacks> logger)
{
    /// <summary>How far a callback's timestamp may be from our clock (replays older than this are refused).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The largest callback body read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The job id fields looked for, in order: Ark and OpenAI put it in <c>id</c>, workers often in <c>task_id</c>.</summary>
    private static readonly string[] JobIdFields = ["id", "task_id", "job_id"];

    public async Task<ProviderCallbackOutcome> AcceptAsync(string provider, string? signature, string body, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secret = await db.ProviderConfigs.AsNoTracking()
            .Where(p => p.Name == provider && p.Kind != ProviderKind.Builtin)
            .Select(p => p.ProtectedCallbackSecret)
            .FirstOrDefaultAsync(cancellationToken);
        var clear = keys.TryUnprotect(secret);
        if (clear is null || string.IsNullOrEmpty(signature) || !WebhookSignature.Verify(clear, signature, body, time.GetUtcNow(), Tolerance))
        {
            logger.LogWarning("A completion callback for provider {Provider} was refused: bad or missing signature", provider);
            return ProviderCallbackOutcome.BadSignature;
        }

        if (JobId(body) is not { } jobId)
            return ProviderCallbackOutcome.Malformed;
        var taskId = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.RemoteProvider == provider && t.RemoteJobId == jobId
                        && (t.Status == GenerationTaskStatus.Running || t.Status == GenerationTaskStatus.Queued))
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (taskId is null)
        {
            logger.LogInformation("A completion callback from {Provider} for job {JobId} found no waiting task", provider, jobId);
            return ProviderCallbackOutcome.UnknownJob;
        }
        await notifications.NotifyWakeAsync(taskId.Value, cancellationToken);
        logger.LogInformation("A completion callback from {Provider} woke task {TaskId} (job {JobId})", provider, taskId, jobId);
        return ProviderCallbackOutcome.Accepted;
    }

    private static string? JobId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var root = document.RootElement;
            // Some workers wrap the job: {"data": {"id": ...}}.
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                root = data;
            foreach (var field in JobIdFields)
            {
                if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { Length: > 0 and <= 200 } id)
                    return id;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
