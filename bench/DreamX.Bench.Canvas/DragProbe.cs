using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace DreamX.Bench.Canvas;

/// <summary>What one drag at 60 Hz showed: the longest frame, how far behind the pointer the card was, and whether
/// the card stood where .NET finally put it the moment it was dropped.</summary>
public sealed record DragRun(double LongestFrameMs, IReadOnlyList<double> LagsMs, double DropOffsetPx, double ConfirmMs,
    double LongestFrameInDragMs, double LongestFrameAfterDropMs);

/// <summary>
/// Drags a card with real mouse events, one move every 16.7 ms (a 60 Hz pointer), while the page records every frame's
/// length (requestAnimationFrame) and, for every pointer move, how long until the card is drawn under the pointer
/// (0 when the browser moves it in the same event; a round trip when .NET must move it).
/// </summary>
public static class DragProbe
{
    private const string Install = @"([id]) => {
        const el = document.querySelector(`.dx-node[data-node-id=""${id}""]`);
        const s = window.__dxDrag = { frames: [], ends: [], lags: [], pending: [], grab: null, el, running: true, dropRect: null, downAt: null, upAt: null };
        let last = performance.now();
        const frame = now => { s.frames.push(now - last); s.ends.push(now); last = now; check(now); if (s.running) requestAnimationFrame(frame); };
        requestAnimationFrame(frame);
        const check = now => {
            if (!s.pending.length) return;
            const r = s.el.getBoundingClientRect();
            s.pending = s.pending.filter(p => {
                if (Math.abs(r.left - p.x) <= 1.5 && Math.abs(r.top - p.y) <= 1.5) { s.lags.push(now - p.t); return false; }
                return true;
            });
        };
        new MutationObserver(() => check(performance.now())).observe(el, { attributes: true, attributeFilter: ['style'] });
        window.addEventListener('pointerdown', e => { s.downAt = performance.now(); const r = el.getBoundingClientRect(); s.grab = { dx: e.clientX - r.left, dy: e.clientY - r.top }; }, { capture: true, once: true });
        const onMove = e => {
            if (!s.grab) return;
            s.pending.push({ x: e.clientX - s.grab.dx, y: e.clientY - s.grab.dy, t: e.timeStamp });
            check(performance.now());
        };
        window.addEventListener('pointermove', onMove);
        window.addEventListener('pointerup', () => {
            s.upAt = performance.now();
            const r = el.getBoundingClientRect();
            s.dropRect = { x: r.left, y: r.top };
            window.removeEventListener('pointermove', onMove);
        }, { once: true });
    }";

    /// <param name="direction">1 drags the card right, -1 left (runs on the same cards in turn keep them near their place).</param>
    public static async Task<DragRun> RunAsync(IPage page, string id, int moves = 60, int direction = 1)
    {
        var node = page.Locator($".dx-node[data-node-id='{id}']");
        var box = (await node.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 3);
        var probe = new RoundTripProbe(page);
        await page.EvaluateAsync(Install, new[] { id });
        await probe.ArmAsync($".dx-node[data-node-id=\"{id}\"]", "data-x");
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= moves; i++)
        {
            await page.Mouse.MoveAsync((float)(x + direction * i * 3), (float)(y + (i % 20) * 1.5));
            var due = TimeSpan.FromMilliseconds(i * 1000.0 / 60);
            if (clock.Elapsed < due)
                await Task.Delay(due - clock.Elapsed);
        }
        await page.Mouse.UpAsync();
        var confirm = await probe.ElapsedAsync();
        // Moves whose card has not caught up yet settle on its final place (or are reported as never caught up).
        try
        {
            await page.WaitForFunctionAsync("() => window.__dxDrag.pending.length === 0", null, new() { PollingInterval = 10, Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"  {await page.EvaluateAsync<int>("() => window.__dxDrag.pending.length")} moves of {id} never had the card under the pointer");
        }
        var result = await page.EvaluateAsync<double[]>(@"() => {
            const s = window.__dxDrag; s.running = false;
            const r = s.el.isConnected ? s.el.getBoundingClientRect() : document.querySelector(`.dx-node[data-node-id=""${s.el.dataset.nodeId}""]`).getBoundingClientRect();
            const off = s.dropRect ? Math.hypot(r.left - s.dropRect.x, r.top - s.dropRect.y) : -1;
            // The first frames measure the page before the press; all of them count. Split too: the frames that ended
            // between the press and the release (the drag itself), and those after the release (the drop's render, the
            // panel opening).
            const frames = s.frames.slice(1), ends = s.ends.slice(1);
            const inDrag = frames.filter((f, i) => ends[i] > s.downAt && ends[i] - f <= s.upAt);
            const afterDrop = frames.filter((f, i) => ends[i] - f > s.upAt);
            return [Math.max(...frames), off, Math.max(0, ...inDrag), Math.max(0, ...afterDrop), ...s.lags];
        }");
        return new DragRun(result[0], result.Skip(4).ToList(), result[1], confirm, result[2], result[3]);
    }

    public static string Describe(IReadOnlyList<DragRun> runs)
    {
        var frames = runs.Select(r => r.LongestFrameMs).ToList();
        var lags = runs.SelectMany(r => r.LagsMs).Order().ToList();
        var lag = lags.Count == 0 ? "no move measured" : string.Create(CultureInfo.InvariantCulture,
            $"median {lags[lags.Count / 2]:0.0} ms, p90 {lags[(int)(lags.Count * 0.9)]:0.0} ms, max {lags[^1]:0.0} ms over {lags.Count} moves");
        return string.Create(CultureInfo.InvariantCulture,
            $"longest frame during a 60 Hz drag: median {frames.Order().ElementAt(frames.Count / 2):0.0} ms, max {frames.Max():0.0} ms over {runs.Count} drags\n") +
            string.Create(CultureInfo.InvariantCulture,
                $"  of which between press and release: median {Median(runs.Select(r => r.LongestFrameInDragMs)):0.0} ms; after the release (drop, panel): median {Median(runs.Select(r => r.LongestFrameAfterDropMs)):0.0} ms\n") +
            $"node lag behind pointer: {lag}";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static string DescribeDrop(IReadOnlyList<DragRun> runs)
    {
        var offsets = runs.Select(r => r.DropOffsetPx).ToList();
        var confirms = runs.Select(r => r.ConfirmMs).Order().ToList();
        var inPlace = offsets.Count(o => o is >= 0 and <= 1);
        // A card that stood where .NET put it when it was dropped is final at once; otherwise it is final when .NET's
        // position arrives.
        var final = runs.Select(r => r.DropOffsetPx is >= 0 and <= 1 ? 0 : r.ConfirmMs).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"drop → final position: median {final[final.Count / 2]:0.0} ms ({inPlace} of {runs.Count} cards in place at drop, max {offsets.Max():0.0} px off); " +
            $".NET confirms in median {confirms[confirms.Count / 2]:0.0} ms");
    }
}
