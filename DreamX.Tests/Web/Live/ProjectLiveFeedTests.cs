using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Observability;
using DreamX.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DreamX.Tests.Web.Live;

/// <summary>
/// The live feed shared by a project's open pages (issue 18: each of 100 canvases re-read the whole graph on every event,
/// taking PostgreSQL to "too many clients"). The real progress bus delivers the events (as its listener does); the read
/// is counted instead of made, so the test sees how many reads the pages cost.
/// </summary>
public sealed class ProjectLiveFeedTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly NpgsqlDataSource _unused = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody");
    private readonly TaskProgressBus _bus;
    private readonly CountingFeed _feed;
    private readonly Guid _project = Guid.NewGuid();

    public ProjectLiveFeedTests()
    {
        _bus = new TaskProgressBus(new TaskNotifications(_unused), NullLogger<TaskProgressBus>.Instance);
        _feed = new CountingFeed(_bus, Options.Create(new LiveOptions { ReadInterval = Interval, LongestRetryPause = TimeSpan.FromMilliseconds(500) }));
    }

    [Fact]
    public async Task A_hundred_pages_and_an_event_storm_cost_one_read_per_interval_and_every_page_ends_on_the_last_state()
    {
        var pages = Enumerable.Range(0, 100).Select(_ => new Page()).ToList();
        var views = pages.Select(p => _feed.Watch("maya", _project, p.Receive)).ToList();
        await Until(() => pages.All(p => p.Last is not null));
        var opening = _feed.Reads;
        Assert.InRange(opening, 1, 3);

        // 300 status changes over about 1.5 s: 30 tasks, each queued, running, then done, interleaved.
        var storm = DateTime.UtcNow;
        var tasks = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        foreach (var status in new[] { GenerationTaskStatus.Queued, GenerationTaskStatus.Running, GenerationTaskStatus.Succeeded })
        {
            foreach (var task in tasks)
            {
                await _bus.Deliver(Progress(task, status));
                await Task.Delay(5);
            }
        }
        var stormSeconds = (DateTime.UtcNow - storm).TotalSeconds;
        await Task.Delay(Interval * 2);
        await Until(() => pages.All(p => p.Last!.Serial == _feed.Serial) && _feed.Idle);
        var reads = _feed.Reads - opening;

        // At most one read per interval during the storm, plus the one that reads its end.
        Assert.InRange(reads, 1, (int)Math.Ceiling(stormSeconds / Interval.TotalSeconds) + 2);
        Assert.All(pages, p => Assert.Equal("maya", p.Last!.Viewer));
        Assert.Empty(views[0].Running);

        foreach (var view in views)
            view.Dispose();
        Assert.Equal(0, _feed.ChannelCount);
        Assert.Equal(0, _bus.SubscriberCount);
    }

    [Fact]
    public async Task Progress_that_only_moves_a_percentage_needs_no_read()
    {
        var page = new Page();
        var moved = 0;
        using var view = _feed.Watch("maya", _project, page.Receive, () => { Interlocked.Increment(ref moved); return Task.CompletedTask; });
        await Until(() => page.Last is not null);
        var task = Guid.NewGuid();
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Running));
        await Until(() => _feed.Reads == 2 && _feed.Idle);
        for (var percent = 10; percent <= 90; percent += 10)
        {
            await _bus.Deliver(Progress(task, GenerationTaskStatus.Running, percent));
            await Task.Delay(30);
        }
        await Until(() => view.Running is [{ Percent: 90 }] && Volatile.Read(ref moved) > 0);
        Assert.Equal(2, _feed.Reads);
    }

    [Fact]
    public async Task Each_pages_render_of_an_event_is_measured_from_the_events_arrival_by_path()
    {
        var delays = new ConcurrentQueue<(string? Via, double Ms)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StudioMetrics.MeterName && instrument.Name == LiveMetrics.DelayName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            // This class's pages only (the meter is the process's; other tests' pages are "canvas" or "board").
            if (all.Any(t => t is { Key: "page", Value: "feed" }))
                delays.Enqueue((all.FirstOrDefault(t => t.Key == "via").Value as string, value));
        });
        listener.Start();

        // The page takes 150 ms to render the news: the figure is the server's up to the render done, so it includes them.
        var page = new Page();
        using var view = _feed.Watch("maya", _project, page.Receive, () => Task.Delay(150));
        await Until(() => page.Last is not null);
        Assert.Empty(delays); // a page joining is not an event: nothing to be late for

        await _bus.Deliver(Progress(Guid.NewGuid(), GenerationTaskStatus.Running));
        await Until(() => delays.Any(d => d.Via == "news") && delays.Any(d => d.Via == "read"));
        Assert.InRange(delays.First(d => d.Via == "news").Ms, 150, 30_000);
        Assert.InRange(delays.First(d => d.Via == "read").Ms, 20, 30_000); // a read takes 20 ms here
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task A_late_percentage_of_an_ended_task_does_not_bring_it_back_as_running()
    {
        var page = new Page();
        using var view = _feed.Watch("maya", _project, page.Receive);
        var task = Guid.NewGuid();
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Running, 40));
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Succeeded, 100));
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Running, 90));
        Assert.Empty(view.Running);
        // A task put back in the queue (a retry of the same task) is followed again.
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Queued));
        Assert.Single(view.Running);
    }

    [Fact]
    public async Task Each_user_gets_only_the_snapshots_read_for_them()
    {
        var maya = new Page();
        var leo = new Page();
        using var mayaView = _feed.Watch("maya", _project, maya.Receive);
        using var leoView = _feed.Watch("leo", _project, leo.Receive);
        await _bus.Deliver(Progress(Guid.NewGuid(), GenerationTaskStatus.Queued));
        await Until(() => maya.All.Count >= 1 && leo.All.Count >= 1 && _feed.Idle);
        Assert.All(maya.All, s => Assert.Equal("maya", s.Viewer));
        Assert.All(leo.All, s => Assert.Equal("leo", s.Viewer));
        Assert.Equal(2, _feed.ChannelCount);
    }

    [Fact]
    public async Task A_failing_read_shows_reconnecting_is_retried_and_the_first_read_that_works_reaches_every_page()
    {
        var pages = Enumerable.Range(0, 5).Select(_ => new Page()).ToList();
        var health = 0;
        var views = pages.Select(p => _feed.Watch("maya", _project, p.Receive, () => { Interlocked.Increment(ref health); return Task.CompletedTask; })).ToList();
        await Until(() => pages.All(p => p.Last is not null));

        _feed.Failing = true;
        await _bus.Deliver(Progress(Guid.NewGuid(), GenerationTaskStatus.Queued));
        await Until(() => views.All(v => v.Reconnecting) && _feed.Failures >= 3);
        Assert.True(Volatile.Read(ref health) >= 5);

        _feed.Failing = false;
        await Until(() => views.All(v => !v.Reconnecting) && pages.All(p => p.Last!.Serial == _feed.Serial));
        foreach (var view in views)
            view.Dispose();
        Assert.Equal(0, _feed.ChannelCount);
    }

    [Fact]
    public async Task A_new_state_reaches_the_pages_from_its_event_while_a_slow_read_is_under_way_and_a_later_read_takes_its_place()
    {
        var page = new Page();
        var news = 0;
        using var view = _feed.Watch("maya", _project, page.Receive, () => { Interlocked.Increment(ref news); return Task.CompletedTask; });
        await Until(() => page.Last is not null && _feed.Idle);
        var reads = _feed.Reads;

        // The database is slow: the read the event asks for does not return until the test lets it.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _feed.Hold = hold.Task;
        var node = Guid.NewGuid();
        var task = Guid.NewGuid();
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Running, node: node));
        await Until(() => view.HeardStates.GetValueOrDefault(node) == GenerationTaskStatus.Running && Volatile.Read(ref news) > 0 && !_feed.Idle);
        var told = Volatile.Read(ref news);
        await _bus.Deliver(Progress(task, GenerationTaskStatus.Succeeded, 100, node));
        await Until(() => view.HeardStates.GetValueOrDefault(node) == GenerationTaskStatus.Succeeded && Volatile.Read(ref news) > told);
        Assert.Equal(reads, _feed.Reads);

        // The slow read began before the success was heard, so the success stays shown over it; the next read has it.
        _feed.Hold = null;
        hold.SetResult();
        await Until(() => _feed.Reads >= reads + 2 && _feed.Idle && view.HeardStates.Count == 0 && page.Last!.Serial == _feed.Serial);
    }

    private TaskProgress Progress(Guid task, GenerationTaskStatus status, int percent = 0, Guid? node = null) =>
        new(_project, task, "maya", status, percent, null, NodeKind.Segment, node ?? Guid.NewGuid());

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The feed did not get there within 30 s.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _unused.DisposeAsync();

    private sealed record FeedSnapshot(string Viewer, int Serial);

    private sealed class Page
    {
        private readonly ConcurrentQueue<FeedSnapshot> _all = new();

        public FeedSnapshot? Last { get; private set; }

        public IReadOnlyList<FeedSnapshot> All => _all.ToList();

        public Task Receive(FeedSnapshot snapshot)
        {
            _all.Enqueue(snapshot);
            Last = snapshot;
            return Task.CompletedTask;
        }
    }

    private sealed class CountingFeed(ITaskProgressBus bus, IOptions<LiveOptions> options)
        : ProjectLiveFeed<FeedSnapshot>(bus, options, NullLogger.Instance)
    {
        private int _reads;
        private int _failures;
        private int _serial;
        private int _reading;

        public int Reads => Volatile.Read(ref _reads);

        public int Failures => Volatile.Read(ref _failures);

        public int Serial => Volatile.Read(ref _serial);

        public bool Idle => Volatile.Read(ref _reading) == 0;

        public volatile bool Failing;

        /// <summary>While set, every read waits for it (a slow database).</summary>
        public volatile Task? Hold;

        protected override async Task<FeedSnapshot> ReadAsync(string viewerId, Guid projectId, FeedSnapshot? previous, CancellationToken ct)
        {
            Interlocked.Increment(ref _reading);
            try
            {
                await Task.Delay(20, ct);
                if (Hold is { } hold)
                    await hold.WaitAsync(ct);
                if (Failing)
                {
                    Interlocked.Increment(ref _failures);
                    throw new NpgsqlException("The database is restarting.");
                }
                Interlocked.Increment(ref _reads);
                return new FeedSnapshot(viewerId, Interlocked.Increment(ref _serial));
            }
            finally
            {
                Interlocked.Decrement(ref _reading);
            }
        }
    }
}
