using System.Diagnostics;
using System.Diagnostics.Metrics;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Observability;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Live;

/// <summary>How live pages are fed (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>At most one read of a project per viewer and instance per interval, however many events and pages there are.</summary>
    public TimeSpan ReadInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>At most one push of event news (new states, percentages) to the pages per interval, with no read.</summary>
    public TimeSpan NewsInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between two tries while the database is away (the pause doubles up to it).</summary>
    public TimeSpan LongestRetryPause { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// One instance's live view of projects for its open pages (one singleton per kind of page): every page showing a
/// project for the same user shares one subscription to the progress bus and one read of the project per
/// <see cref="LiveOptions.ReadInterval"/>, whatever the number of events and pages. A page gets each fresh snapshot
/// (the newest only, when it is still busy with an older one). Snapshots are keyed by the viewer as well as the
/// project and read with the viewer's id, so a page only ever receives what its user's own read returned.
/// A failed read does not end anything: the pages are told the feed is reconnecting, the read is retried with a
/// growing pause, and the first read that works goes to every page in full.
/// </summary>
/// <typeparam name="TSnapshot">What one read gives a page.</typeparam>
public abstract class ProjectLiveFeed<TSnapshot>(ITaskProgressBus bus, IOptions<LiveOptions> options, ILogger logger)
    where TSnapshot : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid ProjectId, string ViewerId), Channel> _channels = [];
    private readonly KeyValuePair<string, object?> _pageTag = new("page", typeof(TSnapshot).Name.Replace("Snapshot", "", StringComparison.Ordinal).ToLowerInvariant());

    /// <summary>Reads the project as <paramref name="viewerId"/> may see it (services from a scope of the feed's own).</summary>
    /// <param name="previous">The last snapshot read for this viewer and project, to reuse what has not changed (signed links).</param>
    protected abstract Task<TSnapshot> ReadAsync(string viewerId, Guid projectId, TSnapshot? previous, CancellationToken ct);

    /// <summary>
    /// A read that may hand out an early part of its snapshot (<paramref name="early"/>: what a page can draw before the
    /// dearer parts are in, e.g. the canvas's graph before its prices). The early part goes only to pages that have not
    /// received anything yet, so a page that is open keeps getting whole snapshots; by default there is none.
    /// </summary>
    protected virtual Task<TSnapshot> ReadAsync(string viewerId, Guid projectId, TSnapshot? previous, Action<TSnapshot> early, CancellationToken ct) =>
        ReadAsync(viewerId, projectId, previous, ct);

    /// <summary>Channels open now (pages watching distinct projects or users); for tests and metrics.</summary>
    public int ChannelCount
    {
        get
        {
            lock (_gate)
                return _channels.Count;
        }
    }

    /// <summary>
    /// Starts watching: <paramref name="changed"/> receives every fresh snapshot (the first read after this call included),
    /// <paramref name="healthChanged"/> is called when <see cref="LiveView{TSnapshot}.Reconnecting"/> changes and when
    /// progress percentages move. Both run off the page's thread: wrap UI work in the component's InvokeAsync.
    /// Dispose the view when the page goes.
    /// </summary>
    public LiveView<TSnapshot> Watch(string viewerId, Guid projectId, Func<TSnapshot, Task> changed, Func<Task>? healthChanged = null)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        lock (_gate)
        {
            if (!_channels.TryGetValue((projectId, viewerId), out var channel))
            {
                channel = new Channel(this, projectId, viewerId);
                _channels[(projectId, viewerId)] = channel;
                channel.Start();
            }
            var view = new LiveView<TSnapshot>(channel, changed, healthChanged, _pageTag);
            channel.Add(view);
            return view;
        }
    }

    private void Leave(Channel channel, LiveView<TSnapshot> view)
    {
        lock (_gate)
        {
            if (channel.Remove(view) > 0)
                return;
            _channels.Remove((channel.ProjectId, channel.ViewerId));
        }
        channel.Stop();
    }

    /// <summary>One project as one user sees it on this instance, shared by that user's pages.</summary>
    internal sealed class Channel : ILiveChannel<TSnapshot>
    {
        private readonly ProjectLiveFeed<TSnapshot> _feed;
        private readonly Dictionary<Guid, TaskProgress> _running = [];
        private readonly HashSet<Guid> _ended = [];
        // Node states heard from task events and not yet in a snapshot (guarded by _running), each with the event's number.
        private readonly Dictionary<Guid, (GenerationTaskStatus Status, long Heard)> _heard = [];
        private long _events;
        // When the oldest event not yet shown through each path arrived (Stopwatch ticks; 0: none), for LiveMetrics.Delay.
        private long _newsSince;
        private long _readSince;
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _wake = new(0);
        private readonly SemaphoreSlim _news = new(0);
        private LiveView<TSnapshot>[] _views = [];
        private IDisposable? _subscription;
        private IDisposable? _reconnects;
        private IDisposable? _disconnects;
        private volatile bool _dirty = true;
        private volatile bool _progressMoved;
        private TSnapshot? _latest;

        public Channel(ProjectLiveFeed<TSnapshot> feed, Guid projectId, string viewerId)
        {
            _feed = feed;
            ProjectId = projectId;
            ViewerId = viewerId;
        }

        public Guid ProjectId { get; }

        public string ViewerId { get; }

        public bool Reconnecting { get; private set; }

        public IReadOnlyList<TaskProgress> Running
        {
            get
            {
                lock (_running)
                    return _running.Values.ToList();
            }
        }

        public IReadOnlyDictionary<Guid, GenerationTaskStatus> HeardStates
        {
            get
            {
                lock (_running)
                    return _heard.Count == 0 ? Empty : _heard.ToDictionary(h => h.Key, h => h.Value.Status);
            }
        }

        private static readonly IReadOnlyDictionary<Guid, GenerationTaskStatus> Empty = new Dictionary<Guid, GenerationTaskStatus>();

        public void Start()
        {
            _subscription = _feed._bus.SubscribeProject(ProjectId, OnProgress);
            _reconnects = _feed._bus.SubscribeReconnected(OnReconnected);
            _disconnects = _feed._bus.SubscribeDisconnected(OnDisconnected);
            // The loop belongs to the instance, not to the page that happened to open first: no circuit's context flows into it.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(LoopAsync);
                _ = Task.Run(NewsLoopAsync);
            }
        }

        public void Add(LiveView<TSnapshot> view)
        {
            _views = [.. _views, view];
            // A page that joins gets a read made after it joined, never an older one.
            RequestRead();
        }

        public int Remove(LiveView<TSnapshot> view)
        {
            _views = _views.Where(v => !ReferenceEquals(v, view)).ToArray();
            return _views.Length;
        }

        public void Leave(LiveView<TSnapshot> view) => _feed.Leave(this, view);

        public void RequestRead()
        {
            _dirty = true;
            Wake();
        }

        public void Stop()
        {
            _subscription?.Dispose();
            _reconnects?.Dispose();
            _disconnects?.Dispose();
            _stop.Cancel();
            Wake();
            WakeNews();
        }

        private void Wake()
        {
            if (_wake.CurrentCount == 0)
                _wake.Release();
        }

        private void WakeNews()
        {
            if (_news.CurrentCount == 0)
                _news.Release();
        }

        private Task OnProgress(TaskProgress progress)
        {
            bool changed;
            lock (_running)
            {
                // Reports travel on several connections and may arrive out of order: a late percentage of a task that
                // has ended must not bring it back as running.
                var settled = progress.Status is not (GenerationTaskStatus.Running or GenerationTaskStatus.Queued or GenerationTaskStatus.Blocked);
                if (progress.Status == GenerationTaskStatus.Running && _ended.Contains(progress.TaskId))
                    return Task.CompletedTask;
                if (!settled)
                    _ended.Remove(progress.TaskId);
                else
                {
                    if (_ended.Count > 10_000)
                        _ended.Clear();
                    _ended.Add(progress.TaskId);
                }
                var known = _running.TryGetValue(progress.TaskId, out var before);
                if (progress.Status is GenerationTaskStatus.Running or GenerationTaskStatus.Queued or GenerationTaskStatus.Blocked)
                    _running[progress.TaskId] = progress;
                else
                    _running.Remove(progress.TaskId);
                // A percentage that moved needs no read of the project: the pages show it from here.
                changed = !known || before!.Status != progress.Status;
                // A new state is shown at once from the event (the pages need no read for it); the read that follows
                // brings what the state changed (a picture, the prices) and takes its place.
                if (changed && progress.NodeId != Guid.Empty)
                    _heard[progress.NodeId] = (progress.Status, ++_events);
            }
            var now = Stopwatch.GetTimestamp();
            if (changed)
            {
                Interlocked.CompareExchange(ref _readSince, now, 0);
                _dirty = true;
                Wake();
            }
            Interlocked.CompareExchange(ref _newsSince, now, 0);
            _progressMoved = true;
            WakeNews();
            return Task.CompletedTask;
        }

        private Task OnReconnected()
        {
            // Whatever was published while the bus was away never arrived: read everything again.
            RequestRead();
            return Task.CompletedTask;
        }

        private Task OnDisconnected()
        {
            // No event arrives while the bus is away: the pages say so, and the read that follows keeps trying until
            // the database answers again (the bus's own return asks for one more).
            SetReconnecting(true);
            RequestRead();
            return Task.CompletedTask;
        }

        private async Task LoopAsync()
        {
            var interval = _feed._options.Value.ReadInterval;
            var longest = _feed._options.Value.LongestRetryPause;
            var failures = 0;
            var lastRead = DateTime.MinValue;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await _wake.WaitAsync(_stop.Token);
                    var wait = lastRead + interval - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, _stop.Token);
                    if (!_dirty)
                        continue;
                    _dirty = false;
                    lastRead = DateTime.UtcNow;
                    long covered;
                    lock (_running)
                        covered = _events;
                    var since = Interlocked.Exchange(ref _readSince, 0);
                    TSnapshot fresh;
                    var reading = Stopwatch.GetTimestamp();
                    try
                    {
                        fresh = await _feed.ReadAsync(ViewerId, ProjectId, _latest, OfferEarly, _stop.Token);
                        LiveMetrics.Read(reading, _feed._pageTag);
                    }
                    catch (Exception exception) when (!_stop.IsCancellationRequested)
                    {
                        // Try again after a pause that doubles up to the longest; whatever changed meanwhile is read then.
                        failures++;
                        _dirty = true;
                        Interlocked.CompareExchange(ref _readSince, since, 0);
                        if (failures == 1)
                            _feed._logger.LogWarning(exception, "Live pages of project {ProjectId} cannot be read; retrying", ProjectId);
                        SetReconnecting(true);
                        var pause = TimeSpan.FromTicks(Math.Min(interval.Ticks << Math.Min(failures, 10), longest.Ticks));
                        await Task.Delay(pause, _stop.Token);
                        Wake();
                        continue;
                    }
                    if (failures > 0)
                        _feed._logger.LogInformation("Live pages of project {ProjectId} are reading again after {Failures} failed reads", ProjectId, failures);
                    failures = 0;
                    _latest = fresh;
                    Reconnecting = false;
                    lock (_running)
                    {
                        // States heard before this read began are in it; those heard since stay shown until the next read.
                        foreach (var node in _heard.Where(h => h.Value.Heard <= covered).Select(h => h.Key).ToList())
                            _heard.Remove(node);
                    }
                    foreach (var view in _views)
                        view.Offer(fresh, since);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The last page went away.
            }
            catch (Exception exception)
            {
                // Never expected; the pages would otherwise freeze without a word.
                _feed._logger.LogError(exception, "The live feed of project {ProjectId} stopped", ProjectId);
                SetReconnecting(true);
            }
        }

        /// <summary>
        /// Tells the pages what events brought (new states, moved percentages) without a read, at most once per news
        /// interval: a storm of events costs each page a few renders a second, not one per event, and a slow read of
        /// the project does not hold them up.
        /// </summary>
        private async Task NewsLoopAsync()
        {
            var interval = _feed._options.Value.NewsInterval;
            var last = DateTime.MinValue;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await _news.WaitAsync(_stop.Token);
                    var wait = last + interval - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, _stop.Token);
                    if (!_progressMoved)
                        continue;
                    _progressMoved = false;
                    last = DateTime.UtcNow;
                    var since = Interlocked.Exchange(ref _newsSince, 0);
                    foreach (var view in _views)
                        view.Notify(since);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The last page went away.
            }
        }

        /// <summary>An early part of a read, for the pages that have nothing to show yet (a page that just joined).</summary>
        private void OfferEarly(TSnapshot early)
        {
            foreach (var view in _views)
            {
                if (!view.Fed)
                    view.Offer(early, 0);
            }
        }

        private void SetReconnecting(bool reconnecting)
        {
            if (Reconnecting == reconnecting)
                return;
            Reconnecting = reconnecting;
            foreach (var view in _views)
                view.Notify();
        }

        /// <summary>Average percent of unfinished tasks on nodes of these kinds (5 while none reported yet).</summary>
        public double PercentOf(IReadOnlyCollection<NodeKind> kinds)
        {
            var mine = Running.Where(p => kinds.Contains(p.NodeKind)).ToList();
            return mine.Count == 0 ? 5 : mine.Average(p => p.Percent);
        }
    }

    private readonly ITaskProgressBus _bus = bus;
    private readonly IOptions<LiveOptions> _options = options;
    private readonly ILogger _logger = logger;
}

/// <summary>What a view needs of its channel.</summary>
public interface ILiveChannel<TSnapshot> where TSnapshot : class
{
    bool Reconnecting { get; }

    IReadOnlyList<TaskProgress> Running { get; }

    IReadOnlyDictionary<Guid, GenerationTaskStatus> HeardStates { get; }

    double PercentOf(IReadOnlyCollection<NodeKind> kinds);

    void RequestRead();

    void Leave(LiveView<TSnapshot> view);
}

/// <summary>
/// One page's place in a <see cref="ProjectLiveFeed{TSnapshot}"/>: it receives the newest snapshot (one at a time, so a
/// slow page skips to the newest instead of queueing every one), and tells the page when the feed's health or the
/// progress of running tasks changes.
/// </summary>
public sealed class LiveView<TSnapshot> : IDisposable where TSnapshot : class
{
    private readonly ILiveChannel<TSnapshot> _channel;
    private readonly Func<TSnapshot, Task> _changed;
    private readonly Func<Task>? _notify;
    private TSnapshot? _pending;
    private int _delivering;
    private int _notifying;
    private int _notifyAgain;
    private volatile bool _disposed;
    private readonly KeyValuePair<string, object?> _page;
    // When the oldest event this page has not yet been shown arrived, by path (Stopwatch ticks; 0: none).
    private long _offerSince;
    private long _notifySince;

    internal LiveView(ILiveChannel<TSnapshot> channel, Func<TSnapshot, Task> changed, Func<Task>? notify, KeyValuePair<string, object?> page)
    {
        _channel = channel;
        _changed = changed;
        _notify = notify;
        _page = page;
        // The page's callbacks run as if the page had made them: its culture (the reader's language) and its acting user.
        _context = ExecutionContext.Capture();
    }

    private readonly ExecutionContext? _context;

    private Task InPageContext(Func<Task> action)
    {
        if (_context is null)
            return action();
        Task? task = null;
        ExecutionContext.Run(_context, _ => task = action(), null);
        return task!;
    }

    /// <summary>True while the project cannot be read (the database or the network away); the page shows "reconnecting".</summary>
    public bool Reconnecting => _channel.Reconnecting;

    /// <summary>Unfinished tasks' latest progress.</summary>
    public IReadOnlyList<TaskProgress> Running => _channel.Running;

    /// <summary>
    /// The state of each node whose task changed state since the snapshot the page has (by node id, from the events):
    /// the page shows these over the snapshot's until the next snapshot, which includes them.
    /// </summary>
    public IReadOnlyDictionary<Guid, GenerationTaskStatus> HeardStates => _channel.HeardStates;

    public double PercentOf(IReadOnlyCollection<NodeKind> kinds) => _channel.PercentOf(kinds);

    /// <summary>Reads the project afresh soon (after an action of this page), for every page watching it.</summary>
    public void RequestReload() => _channel.RequestRead();

    /// <summary>True once a snapshot was offered to this view.</summary>
    internal bool Fed { get; private set; }

    /// <param name="since">When the oldest event the snapshot answers arrived (Stopwatch ticks; 0: none).</param>
    internal void Offer(TSnapshot snapshot, long since)
    {
        if (_disposed)
            return;
        Fed = true;
        if (since != 0)
            Interlocked.CompareExchange(ref _offerSince, since, 0);
        Volatile.Write(ref _pending, snapshot);
        if (Interlocked.Exchange(ref _delivering, 1) == 0)
            _ = DeliverAsync();
    }

    private async Task DeliverAsync()
    {
        while (true)
        {
            var next = Interlocked.Exchange(ref _pending, null);
            if (next is null || _disposed)
            {
                Volatile.Write(ref _delivering, 0);
                // Offered after the exchange above and before the flag went down: deliver it too.
                if (Volatile.Read(ref _pending) is not null && !_disposed && Interlocked.Exchange(ref _delivering, 1) == 0)
                    continue;
                return;
            }
            try
            {
                var since = Interlocked.Exchange(ref _offerSince, 0);
                await InPageContext(() => _changed(next));
                LiveMetrics.Shown(since, "read", _page);
            }
            catch (Exception) when (_disposed)
            {
                return;
            }
            catch (Exception)
            {
                // A page that failed to apply one snapshot gets the next; it must not stop the others.
            }
        }
    }

    /// <param name="since">When the oldest event of this news arrived (Stopwatch ticks; 0: no event, e.g. the feed's health).</param>
    internal void Notify(long since = 0)
    {
        if (_disposed || _notify is null)
            return;
        if (since != 0)
            Interlocked.CompareExchange(ref _notifySince, since, 0);
        // News that comes while the page is still showing the last is shown right after it, never dropped.
        Volatile.Write(ref _notifyAgain, 1);
        if (Interlocked.Exchange(ref _notifying, 1) == 0)
            _ = NotifyAsync();
    }

    private async Task NotifyAsync()
    {
        while (true)
        {
            Volatile.Write(ref _notifyAgain, 0);
            try
            {
                var since = Interlocked.Exchange(ref _notifySince, 0);
                await InPageContext(_notify!);
                LiveMetrics.Shown(since, "news", _page);
            }
            catch (Exception)
            {
                // A render that could not happen now shows at the page's next render.
            }
            if (!_disposed && Volatile.Read(ref _notifyAgain) == 1)
                continue;
            Volatile.Write(ref _notifying, 0);
            // Asked for after the check and before the flag went down: show it too.
            if (!_disposed && Volatile.Read(ref _notifyAgain) == 1 && Interlocked.Exchange(ref _notifying, 1) == 0)
                continue;
            return;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _pending = null;
        _channel.Leave(this);
    }
}

/// <summary>
/// How far behind the events live pages are, measured on the server (<c>dreamx.live.delay</c>, ms): from a task event's
/// arrival on this instance to a page's render that shows it, by path (<c>news</c>: the state and percentages from the
/// event itself; <c>read</c>: the fresh read of the project that follows) and page (canvas, board). What the browser then
/// takes to draw it is the client's, not in this figure.
/// </summary>
internal static class LiveMetrics
{
    public const string DelayName = "dreamx.live.delay";

    private static readonly Meter Meter = new(StudioMetrics.MeterName);
    private static readonly Histogram<double> Delay = Meter.CreateHistogram<double>(DelayName, "ms",
        "From a task event's arrival on this instance to a live page's render that shows it.");

    public const string ReadName = "dreamx.live.read";

    private static readonly Histogram<double> ReadTime = Meter.CreateHistogram<double>(ReadName, "ms",
        "How long one read of a project for its live pages took (shared by every page of that project and viewer on this instance).");

    public static void Read(long started, KeyValuePair<string, object?> page) =>
        ReadTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, page);

    public static void Shown(long since, string via, KeyValuePair<string, object?> page)
    {
        if (since != 0)
            Delay.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds, new KeyValuePair<string, object?>("via", via), page);
    }
}
