using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Users;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;

namespace DreamX.Bench.Circuits;

/// <summary>
/// Many canvases on one project while a fan-out runs. The studio runs as its own process (the Release build, as
/// <c>./dreamx.sh run</c> starts it) on a database of the bench cluster; Debian's Chromium opens the canvas in
/// <c>--pages</c> tabs spread over <c>--contexts</c> browser contexts of one signed-in creator; the shot-images stage of
/// a <c>--shots</c>-shot project is queued over the public API. Prints the app's connections (pg_stat_activity, every
/// 100 ms), how long after each task event every page showed the node's new state (p50/p95), what failed, and the
/// app's memory with the pages open and <c>--settle</c> seconds after they all closed (each page closes as a tab does,
/// so Blazor hears the goodbye; one whose goodbye is lost on a loaded machine is kept three minutes, so the default is
/// longer), and the managed heap after a full GC with the circuits and canvas pages still alive.
/// </summary>
internal static class CircuitsBenchmark
{
    private const string BenchApplication = "dreamx-bench";
    private const string AppApplication = "dreamx-app";

    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var server = Environment.GetEnvironmentVariable("DREAMX_BENCH_DB")
            ?? throw new InvalidOperationException("DREAMX_BENCH_DB is not set: run ./dreamx.sh bench circuits");
        var chromium = Environment.GetEnvironmentVariable("DREAMX_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        var root = Environment.GetEnvironmentVariable("DREAMX_REPO_ROOT") ?? Directory.GetCurrentDirectory();

        var database = "dx_bench_circuits_" + Guid.NewGuid().ToString("N")[..8];
        var builder = new NpgsqlConnectionStringBuilder(server);
        await ExecuteAsync(builder.ConnectionString, $"CREATE DATABASE \"{database}\"");
        builder.Database = database;
        var appConnection = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { ApplicationName = AppApplication }.ConnectionString;
        var benchConnection = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { ApplicationName = BenchApplication, MaxPoolSize = 4 }.ConnectionString;
        var work = Directory.CreateTempSubdirectory("dreamx-bench-circuits.").FullName;
        StudioProcess? app = null;
        try
        {
            app = await StudioProcess.StartAsync(root, appConnection, work);
            Console.WriteLine($"app: pid {app.Pid} on {app.BaseAddress} (its own process, Release build); client: Chromium through Playwright, " +
                              $"{options.Pages} pages in {options.Contexts} browser contexts" +
                              (options.IdleClients ? " in the idle scheduling class" : ""));
            return await RunAsync(options, ClientLauncher(chromium, options.IdleClients, work), root, app, benchConnection);
        }
        finally
        {
            if (app is not null)
                await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The browser the bench launches: Chromium itself (<c>--client-priority normal</c>), or by default a script that
    /// starts it under Linux's idle scheduling class (<c>chrt --idle 0</c>, inherited by every process it starts). The
    /// pages stand in for a hundred creators' own computers; on this one machine they would otherwise take the studio's
    /// CPU from it (a hundred renderers against one server process), which no server shares with its visitors. A nice
    /// value would not hold: Chromium sets its own processes' priorities (to -8 for its browser and GPU processes when
    /// it may). Idle-class pages still get every cycle the studio, its database and its workers leave, so the latency
    /// printed still includes the time the browsers took to show each state.
    /// </summary>
    private static string ClientLauncher(string chromium, bool idle, string work)
    {
        if (!idle || OperatingSystem.IsWindows() || !File.Exists("/usr/bin/chrt"))
            return chromium;
        var script = Path.Combine(work, "chromium-idle.sh");
        File.WriteAllText(script, $"#!/bin/sh\nexec /usr/bin/chrt --idle 0 '{chromium.Replace("'", "'\\''", StringComparison.Ordinal)}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static async Task<int> RunAsync(Options options, string chromium, string root, StudioProcess app, string benchConnection)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows", "--disable-dev-shm-usage"],
        });

        // A creator (registered through the page), on the top plan with credits for the fan-out.
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        const string password = "bench-circuits-7";
        var signIn = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        signIn.SetDefaultTimeout(120_000);
        var first = await signIn.NewPageAsync();
        await first.GotoAsync("/account/register");
        await first.WaitForFunctionAsync("() => document.body.getAttribute('data-interactive') === 'true'");
        await Input(first, "register-email").FillAsync(email);
        await Input(first, "register-password").FillAsync(password);
        await Input(first, "register-confirm").FillAsync(password);
        await first.Locator("[data-testid='register-submit']").ClickAsync();
        await first.WaitForURLAsync("**/projects");
        var state = await signIn.StorageStateAsync();
        await signIn.CloseAsync();

        var contexts = new DbContextOptionsBuilder<DreamXDbContext>().UseNpgsql(benchConnection).UseSnakeCaseNamingConvention().Options;
        var seeded = await SeedAsync(contexts, email, options.Shots);
        var nodeCount = SampleProjectGraph.NodeCount(1, 1, seeded.Scenes, seeded.ShotsPerScene);
        Console.WriteLine($"project: {nodeCount} nodes, {options.Shots} shots; fan-out: shot images ({options.Shots} tasks); load average {LoadAverage()}");

        var idle = app.RssMegabytes();
        var sampler = new ConnectionSampler(benchConnection);
        sampler.Start();

        // Every page records when each card shows each state (a MutationObserver on the cards' data-node-state).
        const string recorder = """
            (() => {
              window.__states = [];
              const seen = new Map();
              const note = el => {
                const id = el.dataset.nodeId, s = el.dataset.nodeState;
                if (!id || !s || seen.get(id) === s) return;
                seen.set(id, s);
                window.__states.push([id, s, Date.now()]);
              };
              new MutationObserver(records => {
                for (const r of records) {
                  if (r.type === 'attributes') { if (r.target.classList && r.target.classList.contains('dx-node')) note(r.target); }
                  else for (const n of r.addedNodes) if (n.nodeType === 1) { if (n.classList.contains('dx-node')) note(n); n.querySelectorAll && n.querySelectorAll('.dx-node').forEach(note); }
                }
              }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-node-state'] });
            })();
            """;
        var browserContexts = new List<IBrowserContext>();
        for (var i = 0; i < options.Contexts; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.BaseAddress.ToString(),
                StorageState = state,
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                ReducedMotion = options.ReducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
            });
            context.SetDefaultTimeout(180_000);
            await context.AddInitScriptAsync(recorder);
            browserContexts.Add(context);
        }

        const string ready = "n => { const c = document.querySelector('[data-testid=\"diagram-canvas\"]'); return c && c.dataset.ready === 'true' && +c.dataset.nodeCount === n; }";
        var pages = new List<IPage>();
        var pageErrors = 0;
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < options.Pages; i += 10)
        {
            var batch = Enumerable.Range(i, Math.Min(10, options.Pages - i)).Select(async n =>
            {
                var page = await browserContexts[n % browserContexts.Count].NewPageAsync();
                page.PageError += (_, _) => Interlocked.Increment(ref pageErrors);
                await page.GotoAsync($"/projects/{seeded.ProjectId}");
                await page.WaitForFunctionAsync(ready, nodeCount, new() { PollingInterval = 100 });
                return page;
            });
            pages.AddRange(await Task.WhenAll(batch));
        }
        Console.WriteLine($"pages: {pages.Count} canvases open in {opening.Elapsed.TotalSeconds:0.0} s");
        var open = app.RssMegabytes();

        // The fan-out, over the API, while the bench hears the same NOTIFY channel the app's live pages hear.
        await using var events = new TaskEventLog(benchConnection);
        await events.StartAsync();
        sampler.Reset();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", seeded.Token);
        // Each page's main thread, as Chromium counts it (Performance.getMetrics over the DevTools protocol).
        var pageMetrics = new List<ICDPSession>();
        foreach (var page in pages)
        {
            var session = await page.Context.NewCDPSessionAsync(page);
            await session.SendAsync("Performance.enable");
            pageMetrics.Add(session);
        }

        // What the open pages cost while nothing happens, as a base for what the fan-out costs them.
        var quiet = CpuCensus.Take(app.Pid);
        await Task.Delay(TimeSpan.FromSeconds(10));
        Console.WriteLine($"CPU with the pages open and nothing happening (10 s): {CpuCensus.Take(app.Pid).Since(quiet)}");
        var cpuBefore = CpuCensus.Take(app.Pid);
        var mainThreadsBefore = await MainThreadsAsync(pageMetrics);
        using var poolWatch = new CancellationTokenSource();
        var pool = WatchThreadPoolAsync(app, poolWatch.Token);
        var started = Stopwatch.StartNew();
        var fanOutAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        HttpResponseMessage queued;
        try
        {
            queued = await http.PostAsync($"/api/v1/projects/{seeded.ProjectId}/canvas/shot-images", null);
        }
        catch (TaskCanceledException)
        {
            Console.WriteLine($"fan-out: the queue call did not answer within {http.Timeout.TotalMinutes:0} minutes; connections max so far {sampler.Max}, " +
                              $"'too many clients' refusals in the app log: {app.TooManyClients}");
            return 1;
        }
        Console.WriteLine($"fan-out: queued in {started.Elapsed.TotalSeconds:0.0} s; load average {LoadAverage()}");
        if (!queued.IsSuccessStatusCode)
            throw new InvalidOperationException($"Queueing the fan-out answered {(int)queued.StatusCode}: {await queued.Content.ReadAsStringAsync()}");
        var settled = await events.WaitSettledAsync(options.Shots, TimeSpan.FromMinutes(10));
        var fanOut = started.Elapsed;
        var cpuDuring = CpuCensus.Take(app.Pid).Since(cpuBefore);
        await poolWatch.CancelAsync();
        var (queuedMax, threadsMax) = await pool;
        var connectionsMax = sampler.Max;
        // The pages get up to a minute to show the last states (a state shown later than that is counted as never shown).
        var shotNodes = seeded.NodeIdsByShot.Values.ToArray();
        var lastShown = Stopwatch.StartNew();
        while (lastShown.Elapsed < TimeSpan.FromMinutes(1) && await CountFinalsShownAsync(pages, shotNodes, fanOutAt) < shotNodes.Length * pages.Count)
            await Task.Delay(1000);
        var untilShown = CpuCensus.Take(app.Pid).Since(cpuBefore);
        var mainThreads = (await MainThreadsAsync(pageMetrics)).Zip(mainThreadsBefore, (after, before) => after - before).ToArray();
        var shownAfter = started.Elapsed;
        var during = app.RssMegabytes();
        var heapOpen = await HeapCensus.TakeAsync(root, app.Pid);

        // Latency: for every task event (queued, running, succeeded/failed) and every page, the first time after it that
        // the page showed the node in that state. A transient state a page never showed (the next one came first) is
        // counted as skipped; a final state a page never showed is a missed update.
        var shown = new List<(string Node, string State, long At)[]>();
        foreach (var page in pages)
        {
            var records = await page.EvaluateAsync<JsonElement>("() => window.__states");
            shown.Add(records.EnumerateArray().Select(r => (r[0].GetString()!, r[1].GetString()!, r[2].GetInt64())).ToArray());
        }
        var latencies = new List<double>();
        var skipped = 0;
        var missedFinal = 0;
        var nodeOf = seeded.NodeIdsByShot;
        // When each state began: the time the app wrote on the task (the bench's own hearing of the NOTIFY, itself a
        // process on the loaded machine, can come after a page already showed it), else when the bench heard it.
        Dictionary<Guid, (DateTimeOffset Created, DateTimeOffset? Started, DateTimeOffset? Finished)> stamps;
        await using (var db = new DreamXDbContext(contexts))
        {
            stamps = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == seeded.ProjectId)
                .ToDictionaryAsync(t => t.Id, t => (t.CreatedAt, t.StartedAt, t.FinishedAt));
        }
        foreach (var evt in events.Events)
        {
            if (!nodeOf.TryGetValue(evt.NodeId, out var nodeId) || StateShownFor(evt.Status) is not { } wanted)
                continue;
            var began = evt.At;
            if (stamps.TryGetValue(evt.TaskId, out var stamp) && (evt.Status switch
                {
                    GenerationTaskStatus.Queued => stamp.Created,
                    GenerationTaskStatus.Running => stamp.Started,
                    _ => stamp.Finished,
                }) is { } written)
                began = Math.Min(began, written.ToUnixTimeMilliseconds());
            foreach (var records in shown)
            {
                var hit = records.FirstOrDefault(r => r.Node == nodeId && r.State == wanted && r.At >= began - 50);
                if (hit.Node is not null)
                    latencies.Add(Math.Max(0, hit.At - began));
                else if (evt.Status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Failed)
                    missedFinal++;
                else
                    skipped++;
            }
        }
        await using (var db = new DreamXDbContext(contexts))
        {
            var failed = await db.GenerationTasks.CountAsync(t => t.ProjectId == seeded.ProjectId && t.Status != GenerationTaskStatus.Succeeded);
            Console.WriteLine($"fan-out: {(settled ? "settled" : "NOT settled")} in {fanOut.TotalSeconds:0.0} s; tasks not succeeded: {failed}; " +
                              $"'too many clients' refusals in the app log: {app.TooManyClients}; page errors: {pageErrors}; circuit errors shown: " +
                              $"{await CountErrorUiAsync(pages)}");
        }
        Console.WriteLine($"CPU during the fan-out ({fanOut.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores): {cpuDuring}");
        Console.WriteLine($"CPU until every page showed every final state, or a minute after the fan-out ({shownAfter.TotalSeconds:0.0} s): {untilShown}");
        Console.WriteLine($"the pages' main threads over the same time, summed (Chromium's Performance metrics): busy {mainThreads[0]:0.0} s, of it script " +
                          $"{mainThreads[1]:0.0} s, style {mainThreads[2]:0.0} s, layout {mainThreads[3]:0.0} s");
        Console.WriteLine($"connections: app max {connectionsMax} during the fan-out (pg_stat_activity every 100 ms; before the pages opened: {sampler.Baseline})");
        Console.WriteLine(latencies.Count == 0
            ? "latency: no state change was seen"
            : $"latency (task event to the page showing it): p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms, " +
              $"max {latencies.Max():0} ms over {latencies.Count} page updates; skipped transient states {skipped}; final states never shown {missedFinal}");
        // The same lag as the server sees it: up to the render it sends; the rest is the browsers' (all on this machine here).
        Console.WriteLine($"server side (event's arrival to the page's render, dreamx.live.delay): {await app.ServerDelaysAsync()}");
        Console.WriteLine($"server side: the shared reads of the project (dreamx.live.read) {await app.ReadTimesAsync()}; " +
                          $"thread pool during the fan-out: at most {queuedMax:0} work items queued, {threadsMax:0} threads");

        var screenshots = Path.Combine(root, "TestResults", "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await pages[^1].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "bench-circuits-last-page.png") });

        // Memory: with every circuit open, then after every page closed and the app had time to let go. Pages close as a
        // tab does (unload handlers run, so Blazor says goodbye); a circuit whose goodbye was lost is kept three minutes.
        foreach (var page in pages)
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        foreach (var context in browserContexts)
            await context.CloseAsync();
        var closed = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Settle));
        var after = app.RssMegabytes();
        var heapAfter = await HeapCensus.TakeAsync(root, app.Pid);
        Console.WriteLine($"memory (app RSS): idle {idle:0} MB, {pages.Count} canvases open {open:0} MB, after the fan-out {during:0} MB, " +
                          $"{closed.Elapsed.TotalSeconds:0} s after all closed {after:0} MB");
        Console.WriteLine($"managed heap after a full GC (dotnet-gcdump): {pages.Count} canvases open {heapOpen}; " +
                          $"{closed.Elapsed.TotalSeconds:0} s after all closed {heapAfter}");
        Console.WriteLine($"circuits: load average {LoadAverage()}; {pages.Count} pages, connections max {connectionsMax}, p95 {(latencies.Count == 0 ? double.NaN : Percentile(latencies, 0.95)):0} ms, " +
                          $"failures {missedFinal + pageErrors}, memory open {open:0} MB / after close {after:0} MB, " +
                          $"live circuits after close {heapAfter.Circuits}");
        await sampler.DisposeAsync();
        return 0;
    }

    /// <summary>Summed over the pages: seconds their main thread was busy (TaskDuration), in script, in style, in layout.</summary>
    private static async Task<double[]> MainThreadsAsync(IEnumerable<ICDPSession> sessions)
    {
        var sums = new double[4];
        string[] names = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];
        foreach (var session in sessions)
        {
            if (await session.SendAsync("Performance.getMetrics") is not { } reply)
                continue;
            foreach (var metric in reply.GetProperty("metrics").EnumerateArray())
            {
                var at = Array.IndexOf(names, metric.GetProperty("name").GetString());
                if (at >= 0)
                    sums[at] += metric.GetProperty("value").GetDouble();
            }
        }
        return sums;
    }

    /// <summary>The most work items queued in the app's thread pool, and the most threads, every half second until cancelled.</summary>
    private static async Task<(double Queued, double Threads)> WatchThreadPoolAsync(StudioProcess app, CancellationToken ct)
    {
        var (queued, threads) = (0d, 0d);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var now = await app.ThreadPoolAsync();
                (queued, threads) = (Math.Max(queued, now.Queued), Math.Max(threads, now.Threads));
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException)
            {
                // A scrape the loaded app did not answer: the next one may.
            }
        }
        return (queued, threads);
    }

    /// <summary>The machine's load average (1, 5 and 15 minutes): the figures carry it with them.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? StateShownFor(GenerationTaskStatus status) => status switch
    {
        GenerationTaskStatus.Queued => "queued",
        GenerationTaskStatus.Running => "running",
        GenerationTaskStatus.Succeeded => "ready",
        GenerationTaskStatus.Failed => "failed",
        _ => null,
    };

    /// <summary>How many shots, summed over the pages, each page has shown in a final state since the fan-out began.</summary>
    private static async Task<int> CountFinalsShownAsync(IEnumerable<IPage> pages, string[] shotNodes, long since)
    {
        const string count = """
            ([nodes, since]) => new Set(window.__states
              .filter(r => r[2] >= since && (r[1] === 'ready' || r[1] === 'failed') && nodes.includes(r[0]))
              .map(r => r[0])).size
            """;
        var shown = 0;
        foreach (var page in pages)
            shown += await page.EvaluateAsync<int>(count, new object[] { shotNodes, since });
        return shown;
    }

    private static async Task<int> CountErrorUiAsync(IEnumerable<IPage> pages)
    {
        var count = 0;
        foreach (var page in pages)
        {
            if (await page.EvaluateAsync<bool>("() => { const e = document.getElementById('blazor-error-ui'); return !!e && getComputedStyle(e).display !== 'none'; }"))
                count++;
        }
        return count;
    }

    private sealed record Seeded(Guid ProjectId, string Token, int Scenes, int ShotsPerScene, IReadOnlyDictionary<Guid, string> NodeIdsByShot);

    /// <summary>The project (shots without pictures), the top plan, credits and an API token with the write scope.</summary>
    private static async Task<Seeded> SeedAsync(DbContextOptions<DreamXDbContext> options, string email, int shots)
    {
        await using var db = new DreamXDbContext(options);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var shotsPerScene = Math.Min(6, shots);
        var scenes = (shots + shotsPerScene - 1) / shotsPerScene;
        var graph = SampleProjectGraph.Build(userId, characters: 1, episodes: 1, scenesPerEpisode: scenes, shotsPerScene: shotsPerScene, title: "Circuits bench");
        var all = graph.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots).ToList();
        foreach (var shot in all)
        {
            shot.State = NodeState.Ready;
            shot.LastError = null;
            shot.CurrentVersion = 1;
        }
        await SampleProjectGraph.SaveAsync(db, graph);
        await db.Subscriptions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
        db.Subscriptions.Add(Subscription.Start(userId, SubscriptionTier.Ultra, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        var factory = new ContextFactory(options);
        var granted = await new CreditLedger(factory).PostAsync(userId, CreditEntryKind.Adjusted, 100_000, $"bench:{Guid.NewGuid():N}", "bench credits");
        if (granted.IsFailure)
            throw new InvalidOperationException(granted.Error);
        var token = await new AccessTokens(factory, TimeProvider.System).CreateAsync(userId, "bench", ["read", "write"], null);
        if (token.IsFailure)
            throw new InvalidOperationException(token.Error);
        // The canvas names a shot's node by its id (ProjectGraphMapper).
        var nodes = all.ToDictionary(s => s.Id, s => DreamX.Web.Canvas.ProjectGraph.ProjectGraphMapper.SegmentKey(s.Id));
        return new Seeded(graph.Project.Id, token.Value.Token, scenes, shotsPerScene, nodes);
    }

    private sealed class ContextFactory(DbContextOptions<DreamXDbContext> options) : IDbContextFactory<DreamXDbContext>
    {
        public DreamXDbContext CreateDbContext() => new(options);
    }

    private static ILocator Input(IPage page, string id) =>
        page.Locator($"[data-testid='{id}'] input, input[data-testid='{id}']").First;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private sealed record Options(int Pages, int Shots, int Contexts, int Settle, bool IdleClients, bool ReducedMotion)
    {
        public static Options Parse(string[] args)
        {
            int Value(string name, int fallback)
            {
                var at = Array.IndexOf(args, name);
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }
            return new Options(Value("--pages", 100), Value("--shots", 30), Value("--contexts", 4), Value("--settle", 200), !(args.Contains("--client-priority") && args[Array.IndexOf(args, "--client-priority") + 1] == "normal"),
                args.Contains("--reduced-motion"));
        }
    }

    /// <summary>The app's connections to its database, counted from pg_stat_activity every 100 ms.</summary>
    private sealed class ConnectionSampler(string connectionString) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;
        private int _max;

        public int Baseline { get; private set; } = -1;

        public int Max => Volatile.Read(ref _max);

        public void Start() => _loop = Task.Run(LoopAsync);

        public void Reset() => Volatile.Write(ref _max, 0);

        private async Task LoopAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{AppApplication}'", connection);
            while (!_stop.IsCancellationRequested)
            {
                var now = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                if (Baseline < 0)
                    Baseline = now;
                int seen;
                while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
                {
                }
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }
    }

    /// <summary>Task events as the app's live pages hear them: the progress channel, with the time each arrived.</summary>
    private sealed class TaskEventLog(string connectionString) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<(Guid NodeId, Guid TaskId, GenerationTaskStatus Status, long At)> _events = new();
        private readonly ConcurrentDictionary<Guid, GenerationTaskStatus> _last = new();
        private Task _loop = Task.CompletedTask;

        public IReadOnlyList<(Guid NodeId, Guid TaskId, GenerationTaskStatus Status, long At)> Events =>
            _events.DistinctBy(e => (e.TaskId, e.Status)).ToList();

        public async Task StartAsync()
        {
            var listening = new TaskCompletionSource();
            _loop = Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                connection.Notification += (_, n) =>
                {
                    var progress = JsonSerializer.Deserialize<TaskProgress>(n.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                    if (progress is null)
                        return;
                    _events.Enqueue((progress.NodeId, progress.TaskId, progress.Status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                    // NOTIFYs from different connections may arrive out of order: a task once settled stays settled.
                    _last.AddOrUpdate(progress.TaskId, progress.Status, (_, before) => IsSettled(before) ? before : progress.Status);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifications.ProgressChannel}", connection))
                    await listen.ExecuteNonQueryAsync();
                listening.SetResult();
                try
                {
                    while (true)
                        await connection.WaitAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            });
            await listening.Task;
        }

        private static bool IsSettled(GenerationTaskStatus status) =>
            status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled;

        public async Task<bool> WaitSettledAsync(int tasks, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                if (_last.Count >= tasks && _last.Values.All(IsSettled))
                    return true;
                await Task.Delay(100);
            }
            return false;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }
    }

    /// <summary>The studio's Release build as its own process, on a free loopback port.</summary>
    private sealed class StudioProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private int _tooManyClients;

        private StudioProcess(Process process, Uri baseAddress, Uri metrics)
        {
            _process = process;
            BaseAddress = baseAddress;
            Metrics = metrics;
        }

        public Uri BaseAddress { get; }

        /// <summary>The app's Prometheus scrape (its metrics port, as an operator's scraper reads it).</summary>
        public Uri Metrics { get; }

        /// <summary>
        /// The app's own view of the live pages' lag (<c>dreamx.live.delay</c>: a task event's arrival to a page's render
        /// that shows it, by path), as "p50 ≤ a ms, p95 ≤ b ms over n renders" per path, from the histogram's buckets.
        /// </summary>
        public async Task<string> ServerDelaysAsync() =>
            Histogram(await ScrapeAsync(), "dreamx_live_delay", "via", "renders") is { Length: > 0 } delays ? delays : "no live page rendered an event";

        /// <summary>How long the live feed's shared reads of the project took (<c>dreamx.live.read</c>), by page kind.</summary>
        public async Task<string> ReadTimesAsync() =>
            Histogram(await ScrapeAsync(), "dreamx_live_read", "page", "reads") is { Length: > 0 } reads ? reads : "no read";

        /// <summary>The .NET thread pool as the app's runtime metrics show it now: (queued work items, threads).</summary>
        public async Task<(double Queued, double Threads)> ThreadPoolAsync()
        {
            var text = await ScrapeAsync();
            double Value(string name) => text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && !l.StartsWith('#'))
                .Select(l => double.Parse(l[(l.LastIndexOf(l.Contains('}') ? '}' : ' ') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
                .DefaultIfEmpty(double.NaN).Max();
            return (Value("dotnet_thread_pool_queue_length"), Value("dotnet_thread_pool_thread_count"));
        }

        private async Task<string> ScrapeAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            return await http.GetStringAsync(Metrics);
        }

        /// <summary>"key p50 ≤ a ms, p95 ≤ b ms over n unit" for each value of <paramref name="label"/>, from a histogram's buckets.</summary>
        private static string Histogram(string text, string metric, string label, string unit)
        {
            var buckets = new SortedDictionary<string, SortedDictionary<double, double>>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith(metric, StringComparison.Ordinal) || !line.Contains("_bucket{", StringComparison.Ordinal))
                    continue;
                var key = System.Text.RegularExpressions.Regex.Match(line, label + "=\"([a-z]+)\"").Groups[1].Value;
                var le = System.Text.RegularExpressions.Regex.Match(line, "le=\"([^\"]+)\"").Groups[1].Value;
                var count = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                var mine = buckets.TryGetValue(key, out var known) ? known : buckets[key] = [];
                mine[bound] = mine.GetValueOrDefault(bound) + count; // summed over the other labels
            }
            return string.Join("; ", buckets.Select(b =>
            {
                var total = b.Value.Values.Max();
                string At(double p) => b.Value.First(c => c.Value >= p * total).Key is var bound && double.IsPositiveInfinity(bound) ? "> the last bound" : $"≤ {bound:0}";
                return $"{b.Key} p50 {At(0.5)} ms, p95 {At(0.95)} ms over {total:0} {unit}";
            }));
        }

        public int Pid => _process.Id;

        public int TooManyClients => Volatile.Read(ref _tooManyClients);

        public static async Task<StudioProcess> StartAsync(string root, string connectionString, string work)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var metricsPort = FreePort();
            var web = Path.Combine(root, "DreamX.Web");
            var info = new ProcessStartInfo("dotnet", [Path.Combine(web, "bin", "Release", "net10.0", "DreamX.Web.dll")])
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = connectionString,
                ["ASPNETCORE_URLS"] = $"{url};http://127.0.0.1:{metricsPort}",
                ["Observability__MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Studio__PublicUrl"] = url,
                ["Database__MigrateOnStartup"] = "true",
                ["Seed__Demo"] = "true",
                ["Seed__AdminPassword"] = "bench-admin-" + Guid.NewGuid().ToString("N")[..8],
                ["Storage__Provider"] = "Local",
                ["Storage__Local__Root"] = Path.Combine(work, "storage"),
                ["Compose__WorkRoot"] = Path.Combine(work, "compose"),
                ["Email__OutboxFolder"] = Path.Combine(work, "outbox"),
                ["DataProtection__KeyEncryption__CertificatePath"] = Path.Combine(work, "keys", "kek.pfx"),
                ["DataProtection__KeyEncryption__CreateIfMissing"] = "true",
                ["RateLimits__Media__PermitLimit"] = "1000000",
                ["RateLimits__Login__PermitLimit"] = "100000",
                ["RateLimits__Register__PermitLimit"] = "100000",
                ["RateLimits__AccountEndpoints__PermitLimit"] = "100000",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (key, value) in environment)
                info.Environment[key] = value;
            info.Environment.Remove("DataProtection__KeysPath");
            var process = Process.Start(info) ?? throw new InvalidOperationException("The studio did not start.");
            var studio = new StudioProcess(process, new Uri(url), new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            process.OutputDataReceived += (_, e) => studio.Watch(e.Data);
            process.ErrorDataReceived += (_, e) => studio.Watch(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"The studio exited with {process.ExitCode} while starting.");
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
            throw new TimeoutException("The studio did not answer /health within 3 minutes.");
        }

        private void Watch(string? line)
        {
            if (line is null)
                return;
            if (line.Contains("too many clients", StringComparison.OrdinalIgnoreCase) || line.Contains("53300", StringComparison.Ordinal))
                Interlocked.Increment(ref _tooManyClients);
            if (Environment.GetEnvironmentVariable("DREAMX_BENCH_VERBOSE") == "1")
                Console.Error.WriteLine("app: " + line);
        }

        /// <summary>The process's resident memory, from /proc.</summary>
        public double RssMegabytes()
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
            return double.NaN;
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
}
