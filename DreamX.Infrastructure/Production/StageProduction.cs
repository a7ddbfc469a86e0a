using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// The creator's "Generate" buttons: quote a production step, then queue it as one task per item (each character,
/// episode, scene or shot). Items already queued or running are left alone, so a double click queues nothing twice.
/// </summary>
public sealed class StageProduction(IDbContextFactory<DreamXDbContext> contexts, IGenerationTasks tasks, TaskSlots slots)
{
    public const string NotFound = "project.not_found";
    public const string AlreadyRunning = "production.already_running";

    /// <summary>The request would have queued new work, but the caller's <see cref="GenerationAdmission"/> refused it.</summary>
    public const string TooManyRequests = "production.too_many_requests";

    /// <summary>
    /// How long after an item's task was queued (or finished) a Generate for it counts as a repeat of that one (a double
    /// click, a burst of clicks in one page, several tabs), unless the creator changed the project meanwhile: long enough
    /// for a human burst (ten clicks 40 ms apart), short enough that a creator who looks at a result and asks for another
    /// one is never refused.
    /// </summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(2);

    public async Task<Result<ProductionQuote>> QuoteAsync(string ownerId, Guid projectId, ProductionStep step, Guid? nodeId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<ProductionQuote>(access.Error!);
        ownerId = ActorGate.ActFor(access.Value);
        var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
        if (graph is null)
            return Result.Failure<ProductionQuote>(NotFound);
        var (planned, blocker) = await new ProductionRequests(db).PlanAsync(graph, step, nodeId, ct);
        planned = await MissingAfterStopAsync(db, projectId, planned, ct);
        var open = await OpenTargetsAsync(db, projectId, ct);
        var prices = await db.CreditPrices.AsNoTracking().Where(p => p.Quality == GenerationQuality.Standard).ToListAsync(ct);
        return Price(step, planned, blocker, open, prices, await slots.LimitOfAsync(db, ownerId, ct));
    }

    /// <summary>
    /// Quotes many (step, node) pairs against one load of the graph: the canvas prices every node's button at once.
    /// A pair that cannot be quoted is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(ProductionStep Step, Guid? NodeId), ProductionQuote>> QuoteManyAsync(
        string ownerId, Guid projectId, IReadOnlyCollection<(ProductionStep Step, Guid? NodeId)> requests, CancellationToken ct = default)
    {
        var quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return quotes;
        ownerId = ActorGate.ActFor(access.Value);
        var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
        if (graph is null)
            return quotes;
        var open = await OpenTargetsAsync(db, projectId, ct);
        var prices = await db.CreditPrices.AsNoTracking().Where(p => p.Quality == GenerationQuality.Standard).ToListAsync(ct);
        var lanes = await slots.LimitOfAsync(db, ownerId, ct);
        var planner = new ProductionRequests(db);
        // The latest task of every item, read once for all the quotes instead of once per quote.
        var latest = await LatestStatusesAsync(db, projectId, types: null, targets: null, ct);
        foreach (var request in requests.Distinct())
        {
            var (planned, blocker) = await planner.PlanAsync(graph, request.Step, request.NodeId, ct);
            planned = MissingAfterStop(planned, latest);
            quotes[request] = Price(request.Step, planned, blocker, open, prices, lanes);
        }
        return quotes;
    }

    /// <summary>
    /// Credits and time from the price table (an admin's edits count; the defaults fill gaps); the time is for the
    /// creator's parallel-task limit, <paramref name="lanes"/> tasks at once.
    /// </summary>
    private static ProductionQuote Price(ProductionStep step, IReadOnlyList<PlannedTask> planned, string? blocker,
        HashSet<(GenerationTaskType, Guid)> open, List<CreditPrice> prices, int lanes)
    {
        var toQueue = planned.Where(p => !open.Contains((p.Type, p.TargetId))).ToList();
        var credits = toQueue.Sum(p => p.PriceUnits * (prices.FirstOrDefault(x => x.TaskType == p.Type)?.Credits ?? DefaultCreditPrices.For(p.Type, GenerationQuality.Standard)));
        var seconds = WorkEstimate.Seconds(
            toQueue.Select(p => prices.FirstOrDefault(x => x.TaskType == p.Type)?.EstimatedSeconds ?? DefaultCreditPrices.EstimatedSeconds(p.Type)),
            Math.Max(1, lanes));
        return new ProductionQuote(step, toQueue.Count, credits, seconds, blocker ?? (planned.Count > 0 && toQueue.Count == 0 ? AlreadyRunning : null), Math.Max(1, lanes))
        {
            Open = planned.Count - toQueue.Count,
        };
    }

    /// <summary>The project's graph as it stands with its failed work, for the production board (null when it is not the user's).</summary>
    public async Task<ProductionGraph?> LoadAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return null;
        ownerId = ActorGate.ActFor(access.Value);
        var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
        if (graph is null)
            return null;
        return new ProductionGraph
        {
            Project = graph.Project, Style = graph.Style, Bible = graph.Bible, Characters = graph.Characters, Episodes = graph.Episodes,
            Compositions = graph.Compositions, Note = graph.Note, Post = graph.Post, SongMap = graph.SongMap, Failures = await TaskFailures.ReadAsync(db, projectId, ct),
            Makers = await TaskMakers.ReadAsync(db, projectId, ct),
        };
    }

    /// <returns>The tasks queued, or why nothing was (prerequisite missing, not enough credits, already running).</returns>
    public Task<Result<IReadOnlyList<GenerationTask>>> GenerateAsync(
        string ownerId, Guid projectId, ProductionStep step, Guid? nodeId = null, CancellationToken ct = default) =>
        GenerateAsync(ownerId, projectId, step, nodeId, admission: null, ct);

    /// <param name="admission">Asked only when the request would queue new work (never for one the repeat rule answers
    /// with the task it queued before, nor for one refused earlier: blocked, already running): false refuses it with
    /// <see cref="TooManyRequests"/>, nothing queued or held. The circuit's rate limit.</param>
    public async Task<Result<IReadOnlyList<GenerationTask>>> GenerateAsync(
        string ownerId, Guid projectId, ProductionStep step, Guid? nodeId, GenerationAdmission? admission, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A viewer (or an admin) may not spend; an editor spends the owner's credits, within the project's cap.
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Generate, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<IReadOnlyList<GenerationTask>>(access.Error!);
        ownerId = ActorGate.ActFor(access.Value);
        // One Generate per project at a time, on every instance: the check for what is already queued and the queuing
        // itself must not interleave, or a burst of clicks (one circuit's, or several tabs') queues the same thing twice.
        await using var gate = await ProjectGate.EnterAsync(db, projectId, ct);
        var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
        if (graph is null)
            return Result.Failure<IReadOnlyList<GenerationTask>>(NotFound);

        var (planned, blocker) = await new ProductionRequests(db).PlanAsync(graph, step, nodeId, ct);
        if (blocker is not null)
            return Result.Failure<IReadOnlyList<GenerationTask>>(blocker);
        planned = await MissingAfterStopAsync(db, projectId, planned, ct);
        var open = await OpenTargetsAsync(db, projectId, ct);
        var repeated = await RepeatsAsync(db, projectId, planned, ct);
        var toQueue = planned.Where(p => !open.Contains((p.Type, p.TargetId)) && !repeated.ContainsKey((p.Type, p.TargetId))).ToList();
        if (toQueue.Count == 0)
        {
            // The same request again within the repeat window (a burst of clicks, whether or not the first one's work
            // has finished meanwhile): answered with what the first one queued, never queued or charged again.
            var same = Same(planned, repeated);
            return same.Count > 0
                ? Result.Success<IReadOnlyList<GenerationTask>>(same)
                : Result.Failure<IReadOnlyList<GenerationTask>>(AlreadyRunning);
        }

        // Inside the gate, after the repeat rule: a burst of clicks asks once, for the click that queues.
        if (admission is not null && !admission())
            return Result.Failure<IReadOnlyList<GenerationTask>>(TooManyRequests);

        // Nodes the plan created (the story bible) must exist before their tasks do.
        await db.SaveChangesAsync(ct);

        var requests = toQueue.Select(p => new TaskRequest(projectId, ownerId, p.Type, p.Kind, p.TargetId, p.InputJson) { PriceUnits = p.PriceUnits }).ToList();
        var queued = await tasks.QueueFanOutAsync(requests, cancellationToken: ct);
        return queued.IsSuccess
            ? Result.Success<IReadOnlyList<GenerationTask>>(queued.Value.Children)
            : Result.Failure<IReadOnlyList<GenerationTask>>(queued.Error!);
    }

    /// <summary>
    /// "Translate to…": queues a translation of the episode into <paramref name="language"/> as a task on the engine, its
    /// price (per spoken line) held from the owner's credits within the project's budget cap (an editor spends the owner's),
    /// charged when it succeeds and given back when it fails. The repeat rule holds as for every Generate: the same click
    /// again within <see cref="RepeatWindow"/> (the creator changed nothing since) is answered with the task it queued,
    /// and while a translation into that language is open another is refused (<see cref="AlreadyRunning"/>).
    /// </summary>
    public Task<Result<GenerationTask>> TranslateAsync(string userId, Guid episodeId, string language, CancellationToken ct = default) =>
        TranslateAsync(userId, episodeId, language, admission: null, ct);

    /// <param name="admission">As for <see cref="GenerateAsync(string, Guid, ProductionStep, Guid?, GenerationAdmission?, CancellationToken)"/>:
    /// asked only when the translation would be queued.</param>
    public async Task<Result<GenerationTask>> TranslateAsync(string userId, Guid episodeId, string language, GenerationAdmission? admission, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var projectId = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync(ct);
        if (projectId is null)
            return Result.Failure<GenerationTask>(EpisodeTranslations.NotFound);
        var access = await ProjectAccess.ActAsync(db, userId, projectId.Value, ProjectPermission.Generate, EpisodeTranslations.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<GenerationTask>(access.Error!);
        var ownerId = ActorGate.ActFor(access.Value);
        await using var gate = await ProjectGate.EnterAsync(db, projectId.Value, ct);
        var plan = await EpisodeTranslations.PlanAsync(db, episodeId, language, ct);
        if (plan.IsFailure)
            return Result.Failure<GenerationTask>(plan.Error!);
        var input = Domain.Generation.Stages.StageJson.Serialize(new TranslateScriptInput(episodeId, language));
        var planned = new PlannedTask(GenerationTaskType.TranslateScript, Domain.Canvas.NodeKind.Script, EpisodeTranslations.VersionId(episodeId, language), input)
        {
            PriceUnits = plan.Value.Lines,
        };
        var key = (planned.Type, planned.TargetId);
        if ((await RepeatsAsync(db, projectId.Value, [planned], ct)).TryGetValue(key, out var same))
            return same;
        if ((await OpenTargetsAsync(db, projectId.Value, ct)).Contains(key))
            return Result.Failure<GenerationTask>(AlreadyRunning);
        if (admission is not null && !admission())
            return Result.Failure<GenerationTask>(TooManyRequests);
        return await tasks.QueueAsync(new TaskRequest(projectId.Value, ownerId, planned.Type, planned.Kind, planned.TargetId, planned.InputJson)
        {
            PriceUnits = planned.PriceUnits,
        }, ct);
    }

    /// <summary>
    /// The tasks a Generate for this step (or node) would be answered with right now because it repeats a request of
    /// the last <see cref="RepeatWindow"/> (see <see cref="RepeatsAsync"/>); empty when it would queue anything new.
    /// A page asks before it quotes, so the late clicks of a burst neither ask for confirmation nor warn.
    /// </summary>
    public async Task<IReadOnlyList<GenerationTask>> RepeatOfAsync(
        string ownerId, Guid projectId, ProductionStep step, Guid? nodeId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
        if (graph is null)
            return [];
        var (planned, blocker) = await new ProductionRequests(db).PlanAsync(graph, step, nodeId, ct);
        if (blocker is not null || planned.Count == 0)
            return [];
        planned = await MissingAfterStopAsync(db, projectId, planned, ct);
        var repeated = await RepeatsAsync(db, projectId, planned, ct);
        if (repeated.Count == 0)
            return [];
        var open = await OpenTargetsAsync(db, projectId, ct);
        return planned.All(p => open.Contains((p.Type, p.TargetId)) || repeated.ContainsKey((p.Type, p.TargetId)))
            ? Same(planned, repeated)
            : [];
    }

    private static List<GenerationTask> Same(IReadOnlyList<PlannedTask> planned, Dictionary<(GenerationTaskType, Guid), GenerationTask> repeated) =>
        planned.Where(p => repeated.ContainsKey((p.Type, p.TargetId))).Select(p => repeated[(p.Type, p.TargetId)]).DistinctBy(t => t.Id).ToList();

    /// <summary>
    /// Picks a project up where it stopped: every piece of work whose latest task failed or was cancelled is queued
    /// again (a fresh task each, priced and held as any other). Returns the tasks queued; none when nothing had stopped.
    /// </summary>
    public async Task<Result<IReadOnlyList<GenerationTask>>> ResumeAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        List<Guid> stopped;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Generate, NotFound, ct);
            if (access.IsFailure)
                return Result.Failure<IReadOnlyList<GenerationTask>>(access.Error!);
            ownerId = ActorGate.ActFor(access.Value);
            var latest = await db.GenerationTasks.AsNoTracking()
                .Where(t => t.ProjectId == projectId && t.OwnerId == ownerId)
                .Select(t => new { t.Id, t.Type, t.TargetId, t.Status, t.CreatedAt })
                .ToListAsync(ct);
            stopped = latest.GroupBy(t => (t.Type, t.TargetId)).Select(g => g.MaxBy(t => t.CreatedAt)!)
                .Where(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled)
                .OrderBy(t => t.CreatedAt).Select(t => t.Id).ToList();
        }
        var queued = new List<GenerationTask>();
        foreach (var taskId in stopped)
        {
            var retried = await tasks.RetryAsync(taskId, ownerId, ct);
            if (retried.IsFailure && queued.Count == 0 && retried.Error == Credits.CreditLedger.Insufficient)
                return Result.Failure<IReadOnlyList<GenerationTask>>(retried.Error);
            if (retried.IsSuccess)
                queued.Add(retried.Value);
        }
        return queued;
    }

    /// <summary>
    /// The creator's "Stop" for a whole step (or one node's step): every task of it that is waiting, queued or
    /// running is cancelled in one action, each with its credits back. Returns how many were stopped.
    /// </summary>
    public async Task<Result<int>> StopAsync(string ownerId, Guid projectId, ProductionStep step, Guid? nodeId = null, CancellationToken ct = default)
    {
        List<Guid> open;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Generate, NotFound, ct);
            if (access.IsFailure)
                return Result.Failure<int>(access.Error!);
            ownerId = ActorGate.ActFor(access.Value);
            var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId, ct);
            if (graph is null)
                return Result.Failure<int>(NotFound);
            var (planned, _) = await new ProductionRequests(db).PlanAsync(graph, step, nodeId, ct);
            var targets = planned.Select(p => (p.Type, p.TargetId)).ToHashSet();
            var candidates = await db.GenerationTasks.AsNoTracking()
                .Where(t => t.ProjectId == projectId && t.OwnerId == ownerId
                            && (t.Status == GenerationTaskStatus.Blocked || t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running))
                .Select(t => new { t.Id, t.Type, t.TargetId })
                .ToListAsync(ct);
            open = candidates.Where(t => targets.Contains((t.Type, t.TargetId))).Select(t => t.Id).ToList();
        }

        var stopped = 0;
        foreach (var taskId in open)
        {
            // One that finished meanwhile is simply not counted.
            if ((await tasks.CancelAsync(taskId, ownerId, ct)).IsSuccess)
                stopped++;
        }
        return stopped;
    }

    /// <summary>
    /// Replaces the checkpoint's idea with the one "improve my idea" wrote (and takes its genre): the creator's choice,
    /// so it is a new checkpoint version and everything made from the old idea goes stale.
    /// </summary>
    public async Task<Result> AcceptImprovedIdeaAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var owner = ActorGate.ActFor(access.Value);
        var graph = await ProductionGraph.LoadAsync(db, projectId, owner, ct);
        if (graph is null)
            return Result.Failure(NotFound);
        var brief = graph.Checkpoint.ImprovedBriefJson is { } json ? Domain.Generation.Stages.StageJson.Deserialize<Domain.Generation.Stages.IdeaBrief>(json) : null;
        if (brief is not { IsSuccess: true })
            return Result.Failure("production.no_brief");

        graph.Checkpoint.Idea = brief.Value.Idea;
        graph.Checkpoint.Genre = brief.Value.Genre;
        NodeVersions.Append(db, graph.Checkpoint, graph.Checkpoint.ToInput(graph.Project.Title, graph.Project.Type), Domain.Canvas.NodeVersionSource.HandEdit, null, ownerId, DateTimeOffset.UtcNow);
        StaleMarks.AfterCheckpointChanged(graph);
        graph.Project.Touch();
        await CreatorEdits.SaveWithMarkAsync(db, projectId, DateTimeOffset.UtcNow, ct);
        return Result.Success();
    }

    /// <summary>For each shot of the project with a made clip: who made its latest one ("provider · model").</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ClipMakersAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return new Dictionary<Guid, string>();
        ownerId = access.Value;
        var made = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && t.OwnerId == ownerId && t.Type == GenerationTaskType.ShotVideo && t.Status == GenerationTaskStatus.Succeeded)
            .OrderByDescending(t => t.FinishedAt)
            .Select(t => new { t.TargetId, t.Provider, t.Model })
            .ToListAsync(ct);
        return made.GroupBy(t => t.TargetId).ToDictionary(g => g.Key, g => $"{g.First().Provider} · {g.First().Model}");
    }

    /// <summary>
    /// After a stage was stopped part-way (or some of its items failed) while others were made, its Generate offers and
    /// queues only what is missing: the items whose latest task did not succeed (cancelled, failed, never made). Once
    /// every item has its result again, the stage regenerates them all. One item, or a stage never stopped, is as planned.
    /// </summary>
    private static async Task<IReadOnlyList<PlannedTask>> MissingAfterStopAsync(
        DreamXDbContext db, Guid projectId, IReadOnlyList<PlannedTask> planned, CancellationToken ct)
    {
        if (planned.Count < 2)
            return planned;
        var latest = await LatestStatusesAsync(db, projectId, planned.Select(p => p.Type).Distinct().ToList(),
            planned.Select(p => p.TargetId).Distinct().ToList(), ct);
        return MissingAfterStop(planned, latest);
    }

    /// <summary>The status of the latest task of each (type, target) of the project, of those types and targets when given.</summary>
    private static async Task<Dictionary<(GenerationTaskType, Guid), GenerationTaskStatus>> LatestStatusesAsync(
        DreamXDbContext db, Guid projectId, List<GenerationTaskType>? types, List<Guid>? targets, CancellationToken ct)
    {
        var query = db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId);
        if (types is not null)
            query = query.Where(t => types.Contains(t.Type));
        if (targets is not null)
            query = query.Where(t => targets.Contains(t.TargetId));
        var tasks = await query.Select(t => new { t.Type, t.TargetId, t.Status, t.CreatedAt }).ToListAsync(ct);
        return tasks.GroupBy(t => (t.Type, t.TargetId)).ToDictionary(g => g.Key, g => g.MaxBy(t => t.CreatedAt)!.Status);
    }

    /// <summary><see cref="MissingAfterStopAsync"/> against the latest statuses already read.</summary>
    private static IReadOnlyList<PlannedTask> MissingAfterStop(
        IReadOnlyList<PlannedTask> planned, Dictionary<(GenerationTaskType, Guid), GenerationTaskStatus> latest)
    {
        if (planned.Count < 2)
            return planned;
        var statuses = planned.Select(p => latest.TryGetValue((p.Type, p.TargetId), out var status) ? status : (GenerationTaskStatus?)null).ToList();
        var stopped = statuses.Any(s => s is GenerationTaskStatus.Cancelled or GenerationTaskStatus.Failed);
        var made = statuses.Any(s => s is GenerationTaskStatus.Succeeded);
        if (!stopped || !made)
            return planned;
        return planned.Where((_, i) => statuses[i] is not GenerationTaskStatus.Succeeded).ToList();
    }

    /// <summary>
    /// The latest task of each planned item queued or finished less than <see cref="RepeatWindow"/> ago: a Generate for
    /// the same items inside that window is the same request (a burst of clicks), however quickly the first one's work
    /// finished, unless the creator changed the project since (the caller asks <see cref="CreatorEdits"/>).
    /// A failed or cancelled one is not: asking again for it is a retry.
    /// </summary>
    private static async Task<Dictionary<(GenerationTaskType, Guid), GenerationTask>> RecentTasksAsync(
        DreamXDbContext db, Guid projectId, IReadOnlyList<PlannedTask> planned, CancellationToken ct)
    {
        if (planned.Count == 0)
            return [];
        var since = DateTimeOffset.UtcNow - RepeatWindow;
        var targets = planned.Select(p => p.TargetId).Distinct().ToList();
        var recent = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && (t.CreatedAt >= since || t.FinishedAt >= since) && targets.Contains(t.TargetId)
                        && t.Status != GenerationTaskStatus.Failed && t.Status != GenerationTaskStatus.Cancelled)
            .ToListAsync(ct);
        return recent.GroupBy(t => (t.Type, t.TargetId)).ToDictionary(g => g.Key, g => g.MaxBy(t => t.CreatedAt)!);
    }

    /// <summary>
    /// The planned items a Generate now repeats, with the task it is answered with: the item's task was queued or
    /// finished within <see cref="RepeatWindow"/> and the creator changed nothing in the project since it was queued
    /// (<see cref="CreatorEdits"/>). What that task (or another) made meanwhile does not count: a story bible written
    /// within a burst of clicks changes its own inputs, and the burst's late clicks still ask for the same thing. An edit
    /// by the creator (a new seed, other characters in the shot, a restored version) makes it a new request, however
    /// soon it comes.
    /// </summary>
    private static async Task<Dictionary<(GenerationTaskType, Guid), GenerationTask>> RepeatsAsync(
        DreamXDbContext db, Guid projectId, IReadOnlyList<PlannedTask> planned, CancellationToken ct)
    {
        var recent = await RecentTasksAsync(db, projectId, planned, ct);
        if (recent.Count == 0)
            return recent;
        var editedAt = await CreatorEdits.LastAsync(db, projectId, ct);
        return recent.Where(r => !(editedAt > r.Value.CreatedAt)).ToDictionary();
    }

    private static async Task<HashSet<(GenerationTaskType, Guid)>> OpenTargetsAsync(DreamXDbContext db, Guid projectId, CancellationToken ct)
    {
        var open = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && (t.Status == GenerationTaskStatus.Blocked || t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running))
            .Select(t => new { t.Type, t.TargetId })
            .ToListAsync(ct);
        return open.Select(t => (t.Type, t.TargetId)).ToHashSet();
    }
}
