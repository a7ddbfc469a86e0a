using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Components.Pages.Projects.Canvas;
using DreamX.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectGraph = DreamX.Infrastructure.Canvas.ProjectGraph;

namespace DreamX.Bench.Canvas;

/// <summary>
/// Where the first full render's time goes (./dreamx.sh bench canvas profile): the server's parts timed in this process
/// (the graph read, placements, the mapper, the layout, the live feed's read with its prices and links), then page
/// loads in Chromium with a timeline (circuit frames in and out with their sizes, long tasks, ready) and what the
/// page is made of (DOM elements, cards drawn, links), the browser's script/layout/style time and this process's CPU
/// (the server's) per load.
/// </summary>
internal static class CanvasProfile
{
    private const int Repeats = 5;

    public static async Task RunAsync(BenchStudio studio, IBrowserContext context, IPage page, ProjectGraph graph, int nodeCount,
        ProjectGraph? small = null, int smallCount = 0, bool floorOnly = false)
    {
        if (floorOnly && small is not null)
        {
            await FloorAsync(context, page, small, smallCount);
            return;
        }
        var viewerId = graph.Project.OwnerId;
        var projectId = graph.Project.Id;
        Console.WriteLine("server parts (median of 5 after one warm-up):");
        await using (var scope = studio.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var reader = services.GetRequiredService<ProjectGraphReader>();
            var placements = services.GetRequiredService<CanvasPlacements>();
            var canvas = services.GetRequiredService<ProjectCanvas>();
            var production = services.GetRequiredService<StageProduction>();
            ProjectGraph read = null!;
            IReadOnlyDictionary<string, Domain.Canvas.CanvasNodePlacement> saved = null!;
            await Time("graph read (PostgreSQL)", async () => read = (await reader.ReadAsync(viewerId, projectId)).Value);
            await Time("placements read", async () => saved = await placements.LoadAsync(viewerId, projectId));
            await Time("mapper (ToDiagram)", () => { ProjectGraphMapper.ToDiagram(read, saved); return Task.CompletedTask; });
            await Time("mapper + layout (ProjectCanvas.Build; the first call computes the layout, later ones find it by shape)", () => { canvas.Build(read, saved); return Task.CompletedTask; });
            var diagram = ProjectGraphMapper.ToDiagram(read, saved);
            List<(ProductionStep, Guid?)> keys = null!;
            await Time("quote keys (every node's actions)", () =>
            {
                keys = diagram.Nodes.SelectMany(n => CanvasNodeAction.For(n).Concat(CanvasCardActions.Of(n, diagram))).Select(a => a.QuoteKey).Distinct().ToList();
                return Task.CompletedTask;
            });
            Console.WriteLine($"  ({keys.Count} distinct quotes)");
            await Time("quotes (QuoteManyAsync)", () => production.QuoteManyAsync(viewerId, projectId, keys));
            // How many SQL commands one pricing of every button sends (Npgsql traces each command as an activity): the
            // same figure on a busy machine as on a quiet one.
            var commands = 0;
            using (var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStarted = _ => Interlocked.Increment(ref commands),
            })
            {
                ActivitySource.AddActivityListener(listener);
                await production.QuoteManyAsync(viewerId, projectId, keys);
            }
            Console.WriteLine($"  quotes: {commands} SQL commands for {keys.Count} quotes");
            // Signing the cards' pictures: the access rule asks who owns the project (and, for others, whether they are
            // members); one batch asks once, not once per link.
            var media = services.GetRequiredService<MediaUrls>();
            var pictures = read.Characters.Select(c => c.PortraitKey).Concat(read.Episodes.SelectMany(e => e.Scenes).SelectMany(c => c.Shots).Select(s => s.ImageKey))
                .OfType<string>().Select(ObjectKey.Parse).ToList();
            async Task SignAsync(MediaUrls urls)
            {
                foreach (var key in pictures)
                    await urls.GetReadUrlAsync(key, ObjectReader.User(viewerId), CancellationToken.None);
            }
            await Time($"signed links, {pictures.Count} pictures, one ownership question per link", () => SignAsync(media));
            await Time($"signed links, {pictures.Count} pictures, one batch (as the live feed signs them)", () => SignAsync(media.ForBatch()));
            var feed = studio.Services.GetRequiredService<CanvasLiveFeed>();
            var readAsync = typeof(CanvasLiveFeed).GetMethod("ReadAsync", BindingFlags.NonPublic | BindingFlags.Instance, null,
                [typeof(string), typeof(Guid), typeof(CanvasSnapshot), typeof(CancellationToken)], null)!;
            await Time("live feed read, whole (graph, placements, prices, links)",
                () => (Task)readAsync.Invoke(feed, [viewerId, projectId, null, CancellationToken.None])!);
        }

        await FloorAsync(context, page, small, smallCount, graph, nodeCount);
    }

    private static async Task FloorAsync(IBrowserContext context, IPage page, ProjectGraph? small, int smallCount,
        ProjectGraph? graph = null, int nodeCount = 0)
    {
        var session = await context.NewCDPSessionAsync(page);
        var frames = new List<(double At, string Way, int Bytes)>();
        var clock = new Stopwatch();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, f) => { lock (frames) frames.Add((clock.Elapsed.TotalMilliseconds, "in ", f.Binary?.Length ?? Bytes(f.Text))); };
            socket.FrameSent += (_, f) => { lock (frames) frames.Add((clock.Elapsed.TotalMilliseconds, "out", f.Binary?.Length ?? Bytes(f.Text))); };
        };
        await page.AddInitScriptAsync(InitScript);
        await session.SendAsync("Performance.enable");
        if (small is not null)
        {
            Console.WriteLine($"page floor: the {smallCount}-node project's loads");
            await LoadsAsync(page, session, frames, clock, small.Project.Id, smallCount);
        }
        if (graph is null)
            return;
        Console.WriteLine($"the {nodeCount}-node project's loads");
        await LoadsAsync(page, session, frames, clock, graph.Project.Id, nodeCount);
    }

    // Long tasks, and the page's milestones in its own clock (ms since navigation start): the response, the DOM, the
    // circuit's first message, the canvas element, its first card, ready.
    private const string InitScript = @"(() => {
        window.__dxLong = [];
        window.__dxMarks = {};
        const mark = name => { if (!(name in window.__dxMarks)) window.__dxMarks[name] = Math.round(performance.now()); };
        try { new PerformanceObserver(l => { for (const e of l.getEntries()) window.__dxLong.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true }); } catch {}
        document.addEventListener('DOMContentLoaded', () => mark('domContentLoaded'));
        const Socket = window.WebSocket;
        window.WebSocket = function (...args) {
            mark('socket opened');
            const socket = new Socket(...args);
            socket.addEventListener('message', () => mark('first circuit message'));
            return socket;
        };
        window.WebSocket.prototype = Socket.prototype;
        Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
        new MutationObserver(() => {
            if (document.body?.getAttribute('data-interactive') === 'true') mark('interactive');
            const c = document.querySelector('[data-testid=""diagram-canvas""]');
            if (!c) return;
            mark('canvas element');
            if (c.querySelector('.dx-node')) mark('first node element');
            if (c.dataset.ready === 'true') mark('ready');
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-interactive'] });
    })()";

    private static async Task LoadsAsync(IPage page, ICDPSession session, List<(double At, string Way, int Bytes)> frames, Stopwatch clock,
        Guid projectId, int nodeCount)
    {
        var url = $"/projects/{projectId}";
        // The page's requests during a load (a warm load should need none but the page and the circuit's).
        var requests = new List<string>();
        void Finished(object? _, IRequest request)
        {
            var path = new Uri(request.Url).AbsolutePath;
            lock (requests) requests.Add($"{(path.Length > 48 ? "…" + path[^47..] : path)} {(request.Timing.ResponseEnd > 0 ? $"{request.Timing.ResponseEnd:0}" : "?")} ms");
        }
        page.RequestFinished += Finished;
        const string ready = "n => { const c = document.querySelector('[data-testid=\"diagram-canvas\"]'); return c && c.dataset.ready === 'true' && document.querySelectorAll('.dx-node').length > 0 && +c.dataset.nodeCount === n; }";
        // The SQL commands the studio sends during a load (Npgsql traces each as an activity), by their first words: a
        // query per card would show here whatever the machine's speed.
        var commands = new Dictionary<string, int>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                var what = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(12));
                lock (commands) commands[what] = commands.GetValueOrDefault(what) + 1;
            },
        };
        ActivitySource.AddActivityListener(listener);
        for (var load = 1; load <= 4; load++)
        {
            lock (commands) commands.Clear();
            lock (frames) frames.Clear();
            lock (requests) requests.Clear();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            await page.GotoAsync(url);
            var loaded = clock.Elapsed.TotalMilliseconds;
            await page.WaitForFunctionAsync("() => document.querySelector('.dx-node') !== null", null, new() { PollingInterval = 5 });
            var shells = clock.Elapsed.TotalMilliseconds;
            var atReady = await page.WaitForFunctionAsync(ready.Replace("=== n; }", "=== n && [+c.dataset.drawnCount, document.querySelectorAll('.dx-node').length]; }"),
                nodeCount, new() { PollingInterval = 5 });
            var done = clock.Elapsed.TotalMilliseconds;
            var firstDrawing = await atReady.JsonValueAsync<int[]>();
            var serverCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var after = await Metrics(session);
            var shape = await page.EvaluateAsync<double[]>(@"() => {
                const c = document.querySelector('[data-testid=""diagram-canvas""]');
                return [document.getElementsByTagName('*').length, c.getElementsByTagName('*').length, document.querySelectorAll('.dx-node').length,
                        document.querySelectorAll('.dx-node:not(.dx-node-shell)').length, document.querySelectorAll('path[data-link-source]').length,
                        document.documentElement.outerHTML.length];
            }");
            var longTasks = await page.EvaluateAsync<double[][]>("() => window.__dxLong");
            var marks = await page.EvaluateAsync<Dictionary<string, double>>(@"() => {
                const n = performance.getEntriesByType('navigation')[0];
                return { 'request sent': Math.round(n.requestStart), 'response starts': Math.round(n.responseStart), 'response ends': Math.round(n.responseEnd),
                         'load event': Math.round(n.loadEventStart), ...window.__dxMarks };
            }");
            Console.WriteLine($"load {load}: ready at {done:0} ms (page loaded {loaded:0} ms, first node element {shells:0} ms); server process CPU {serverCpu:0} ms; " +
                              $"browser (this document) script {Ms(after, "ScriptDuration"):0} ms, layout {Ms(after, "LayoutDuration"):0} ms, " +
                              $"style {Ms(after, "RecalcStyleDuration"):0} ms, tasks {Ms(after, "TaskDuration"):0} ms");
            Console.WriteLine($"  at ready: {firstDrawing[0]} cards drawn, {firstDrawing[1]} node elements");
            lock (commands)
            {
                Console.WriteLine($"  SQL commands until ready: {commands.Values.Sum()}; most sent: " +
                                  string.Join(" | ", commands.OrderByDescending(c => c.Value).Take(4).Select(c => $"{c.Value}× {c.Key}")));
            }
            Console.WriteLine($"  DOM: {shape[0]:0} elements ({shape[1]:0} in the canvas), {shape[2]:0} node elements, {shape[3]:0} cards drawn, {shape[4]:0} links drawn, {shape[5] / 1024:0} KB of HTML");
            List<(double At, string Way, int Bytes)> copy;
            lock (frames) copy = frames.ToList();
            Console.WriteLine($"  circuit: {copy.Count(f => f.Way == "in ")} frames in ({copy.Where(f => f.Way == "in ").Sum(f => f.Bytes) / 1024.0:0.0} KB), " +
                              $"{copy.Count(f => f.Way == "out")} out; largest in {(copy.Count > 0 ? copy.Max(f => f.Bytes) / 1024.0 : 0):0.0} KB");
            foreach (var f in copy.Where(f => f.Bytes > 200 || f.Way == "out"))
                Console.WriteLine($"    {f.At,7:0} ms {f.Way} {f.Bytes / 1024.0,8:0.0} KB");
            Console.WriteLine($"  long tasks (start ms since navigation, duration): {string.Join(", ", longTasks.Select(t => $"{t[0]:0}+{t[1]:0}"))}");
            Console.WriteLine($"  page milestones (ms since navigation): {string.Join(", ", marks.OrderBy(m => m.Value).Select(m => $"{m.Key} {m.Value:0}"))}");
            lock (requests)
                Console.WriteLine($"  requests ({requests.Count}; path, response end since its start): {string.Join(", ", requests)}");
        }
        page.RequestFinished -= Finished;
    }

    private static int Bytes(string? text) => text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);

    private static async Task Time(string what, Func<Task> action)
    {
        var first = Stopwatch.StartNew();
        await action();
        var once = first.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {times[Repeats / 2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0}; the first call {once:0.0} ms)"));
    }

    private static async Task<Dictionary<string, double>> Metrics(ICDPSession session)
    {
        var result = await session.SendAsync("Performance.getMetrics");
        var metrics = new Dictionary<string, double>();
        if (result is { } json && json.TryGetProperty("metrics", out var list))
        {
            foreach (var item in list.EnumerateArray())
                metrics[item.GetProperty("name").GetString()!] = item.GetProperty("value").GetDouble();
        }
        return metrics;
    }

    /// <summary>A Chromium counter of the current document (they start again with each navigation), in ms.</summary>
    private static double Ms(Dictionary<string, double> metrics, string name) => metrics.GetValueOrDefault(name) * 1000;
}
