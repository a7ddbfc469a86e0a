using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Tests.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Infrastructure.Providers.Routing;

public sealed class ProviderRouterTests
{
    private static readonly TextRequest Request = new(GenerationTaskType.Script, "en", "s", "u", "{}", "{}");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RoutingOptions _options = new() { FailureThreshold = 3, BreakDuration = TimeSpan.FromSeconds(60), RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task A_failing_provider_fails_over_to_the_next_and_the_answer_says_who_did_the_work()
    {
        var sick = new ScriptedText("sick", Transient);
        var healthy = new ScriptedText("healthy", Ok);
        var router = Router(Candidate(sick, quality: 9), Candidate(healthy, quality: 5));

        var result = await router.RouteAsync<ITextProvider, TextResponse>(ProviderCapabilities.Text, GenerationTaskType.Script,
            (p, ct) => p.CompleteJsonAsync(Request, ct), CancellationToken.None, RoutingStrategy.Quality);

        Assert.Equal(("healthy", "healthy-model"), (result.Provider, result.Model));
        Assert.Equal(["sick", "sick", "sick"], result.FailedAttempts.Select(a => a.Provider));
        Assert.Equal(3, sick.Calls); // tried again before failing over
        Assert.False(result.IsFallback);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_on_the_same_provider_before_any_failover()
    {
        var flaky = new ScriptedText("flaky", Transient, Ok);
        var backup = new ScriptedText("backup", Ok);
        var router = Router(Candidate(flaky, quality: 9), Candidate(backup, quality: 1));

        var result = await RouteText(router);

        Assert.Equal("flaky", result.Provider);
        Assert.Equal((2, 0), (flaky.Calls, backup.Calls));
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried_on_the_same_provider()
    {
        var broken = new ScriptedText("broken", Permanent);
        var router = Router(Candidate(broken, quality: 9), Candidate(new ScriptedText("backup", Ok), quality: 1));

        var result = await RouteText(router);

        Assert.Equal(("backup", 1), (result.Provider, broken.Calls));
    }

    [Fact]
    public async Task Retry_after_is_waited_for_on_the_same_provider()
    {
        var limited = new ScriptedText("limited", RateLimited, Ok);
        var router = Router(Candidate(limited, quality: 9), Candidate(new ScriptedText("backup", Ok), quality: 1));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await RouteText(router);

        Assert.Equal("limited", result.Provider);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_not_waited_for_in_place()
    {
        _options.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
        var limited = new ScriptedText("limited", RateLimited, Ok);
        var router = Router(Candidate(limited, quality: 9), Candidate(new ScriptedText("backup", Ok), quality: 1));

        var result = await RouteText(router);

        Assert.Equal(("backup", 1), (result.Provider, limited.Calls));
    }

    [Fact]
    public async Task The_builtin_stands_in_for_a_failed_provider_only_where_allowed_and_says_so()
    {
        var disallowed = Router(Candidate(new ScriptedText("remote", Transient)), Builtin(new ScriptedText("builtin", Ok), fallbackAllowed: false));
        var allowed = Router(Candidate(new ScriptedText("remote", Transient)), Builtin(new ScriptedText("builtin", Ok), fallbackAllowed: true));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => RouteText(disallowed));
        var result = await RouteText(allowed);

        Assert.Contains("remote: overloaded", failure.Message);
        Assert.Equal(("builtin", true), (result.Provider, result.IsFallback));
    }

    [Fact]
    public async Task Without_a_configured_provider_the_builtin_serves_and_is_no_fallback()
    {
        var router = Router(Builtin(new ScriptedText("builtin", Ok), fallbackAllowed: false));

        var result = await RouteText(router);

        Assert.Equal(("builtin", false), (result.Provider, result.IsFallback));
    }

    [Fact]
    public async Task The_routed_port_marks_a_fallback_answer()
    {
        var text = new RoutedTextProvider(Router(Candidate(new ScriptedText("remote", Permanent)), Builtin(new ScriptedText("builtin", Ok), fallbackAllowed: true)));

        var response = await text.CompleteJsonAsync(Request, CancellationToken.None);

        Assert.Equal(("builtin", true), (response.Usage.Provider, response.Usage.IsFallback));
    }

    [Fact]
    public async Task Circuits_are_per_capability_so_failing_text_does_not_stop_images()
    {
        var circuits = new ProviderCircuits(Options.Create(_options), _clock);
        var router = Router(circuits, Candidate(new ScriptedText("mixed", Transient)), Candidate(new ScriptedText("backup", Ok), quality: 1));
        await RouteText(router);

        Assert.Equal(CircuitState.Open, circuits.For("mixed", ProviderCapabilities.Text).State);
        Assert.Equal(CircuitState.Closed, circuits.For("mixed", ProviderCapabilities.Image).State);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_the_sick_provider_is_skipped()
    {
        var sick = new ScriptedText("sick", Transient);
        var healthy = new ScriptedText("healthy", Ok);
        var router = Router(Candidate(sick, quality: 9), Candidate(healthy, quality: 5));

        for (var i = 0; i < 5; i++)
            await RouteText(router);

        Assert.Equal(3, sick.Calls);
        Assert.Equal(5, healthy.Calls);
    }

    [Fact]
    public async Task After_the_break_one_trial_call_reaches_the_provider_and_success_closes_the_circuit()
    {
        var flaky = new ScriptedText("flaky", Transient, Transient, Transient, Ok, Ok);
        var circuits = new ProviderCircuits(Options.Create(_options), _clock);
        var router = Router(circuits, Candidate(flaky, quality: 9), Candidate(new ScriptedText("backup", Ok), quality: 1));
        for (var i = 0; i < 3; i++)
            await RouteText(router);
        Assert.Equal(CircuitState.Open, circuits.For("flaky", ProviderCapabilities.Text).State);

        _clock.Advance(TimeSpan.FromSeconds(61));
        var trial = await RouteText(router);

        Assert.Equal("flaky", trial.Provider);
        Assert.Equal(CircuitState.Closed, circuits.For("flaky", ProviderCapabilities.Text).State);
    }

    [Fact]
    public void A_failed_trial_opens_the_circuit_again_at_once()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(60), _clock);
        for (var i = 0; i < 3; i++)
            breaker.RecordFailure();
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.True(breaker.TryEnter(out _));
        Assert.False(breaker.TryEnter(out _)); // only one trial at a time
        breaker.RecordFailure();

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Theory]
    [InlineData(RoutingStrategy.Cost, "cheap")]
    [InlineData(RoutingStrategy.Quality, "premium")]
    [InlineData(RoutingStrategy.Speed, "fast")]
    [InlineData(RoutingStrategy.Balanced, "fast")]
    public void Each_strategy_puts_its_best_provider_first_and_the_builtin_last(RoutingStrategy strategy, string expectedFirst)
    {
        var candidates = new[]
        {
            new ProviderCandidate("builtin", "b", new object(), Quality: 3, Speed: 10, Price: 0m, IsBuiltin: true),
            new ProviderCandidate("premium", "p", new object(), Quality: 10, Speed: 3, Price: 0.06m),
            new ProviderCandidate("cheap", "c", new object(), Quality: 4, Speed: 5, Price: 0.001m),
            new ProviderCandidate("fast", "f", new object(), Quality: 7, Speed: 9, Price: 0.01m),
        };

        var ordered = RouteOrder.Sort(candidates, strategy);

        Assert.Equal(expectedFirst, ordered[0].Name);
        Assert.Equal("builtin", ordered[^1].Name);
    }

    [Fact]
    public void Equal_scores_go_by_the_admins_priority()
    {
        var ordered = RouteOrder.Sort(
            [new ProviderCandidate("second", "m", new object(), Priority: 2), new ProviderCandidate("first", "m", new object(), Priority: 1)],
            RoutingStrategy.Quality);

        Assert.Equal(["first", "second"], ordered.Select(c => c.Name));
    }

    [Fact]
    public async Task A_strategy_set_for_the_scope_overrides_the_configured_one()
    {
        _options.Strategy = RoutingStrategy.Cost;
        var router = Router(Candidate(new ScriptedText("cheap", Ok), quality: 2, price: 0.001m), Candidate(new ScriptedText("premium", Ok), quality: 10, price: 0.1m));

        var byConfig = await RouteText(router);
        RoutedResult<TextResponse> byScope;
        using (RoutingStrategyScope.Use(RoutingStrategy.Quality))
            byScope = await RouteText(router);

        Assert.Equal(("cheap", "premium"), (byConfig.Provider, byScope.Provider));
    }

    [Fact]
    public async Task When_every_provider_fails_the_failure_lists_each_reason_and_is_transient_if_one_was()
    {
        var router = Router(Candidate(new ScriptedText("a", Permanent)), Candidate(new ScriptedText("b", Transient)));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => RouteText(router));

        Assert.True(failure.IsTransient);
        Assert.Contains("a: bad request", failure.Message);
        Assert.Contains("b: overloaded", failure.Message);
    }

    [Fact]
    public async Task When_every_failure_is_permanent_so_is_the_routed_one()
    {
        var router = Router(Candidate(new ScriptedText("a", Permanent)));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => RouteText(router));

        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task A_cancelled_call_is_not_failed_over_nor_counted_against_the_provider()
    {
        var circuits = new ProviderCircuits(Options.Create(_options), _clock);
        var second = new ScriptedText("second", Ok);
        var router = Router(circuits, Candidate(new ScriptedText("first", Cancelled), quality: 9), Candidate(second, quality: 1));
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => router.RouteAsync<ITextProvider, TextResponse>(
            ProviderCapabilities.Text, null, (p, ct) => p.CompleteJsonAsync(Request, ct), cancel.Token));

        Assert.Equal(0, second.Calls);
        Assert.Equal(CircuitState.Closed, circuits.For("first", ProviderCapabilities.Text).State);
    }

    [Fact]
    public async Task A_provider_that_gives_up_on_its_own_is_failed_over()
    {
        var router = Router(Candidate(new ScriptedText("stuck", Cancelled), quality: 9), Candidate(new ScriptedText("backup", Ok), quality: 1));

        var result = await RouteText(router);

        Assert.Equal("backup", result.Provider);
    }

    [Fact]
    public async Task The_routed_port_returns_the_answer_of_the_provider_chosen()
    {
        var text = new RoutedTextProvider(Router(Candidate(new ScriptedText("only", Ok))));

        var response = await text.CompleteJsonAsync(Request, CancellationToken.None);

        Assert.Equal("only", response.Usage.Provider);
    }

    private Task<RoutedResult<TextResponse>> RouteText(ProviderRouter router) =>
        router.RouteAsync<ITextProvider, TextResponse>(ProviderCapabilities.Text, GenerationTaskType.Script, (p, ct) => p.CompleteJsonAsync(Request, ct), CancellationToken.None);

    private ProviderRouter Router(params ProviderCandidate[] candidates) => Router(new ProviderCircuits(Options.Create(_options), _clock), candidates);

    private ProviderRouter Router(ProviderCircuits circuits, params ProviderCandidate[] candidates) =>
        new(new FixedCatalog(candidates), circuits, Options.Create(_options), NullLogger<ProviderRouter>.Instance);

    private static ProviderCandidate Candidate(ScriptedText provider, int quality = 5, decimal price = 0m) =>
        new(provider.Name, provider.Name + "-model", provider, Quality: quality, Price: price);

    private static ProviderCandidate Builtin(ScriptedText provider, bool fallbackAllowed) =>
        new(provider.Name, provider.Name + "-model", provider, Quality: 3, IsBuiltin: true, FallbackAllowed: fallbackAllowed);

    private const string Ok = "ok", Transient = "transient", Permanent = "permanent", Cancelled = "cancelled", RateLimited = "429";

    /// <summary>A text provider that answers from a script, one entry per call (the last entry repeats).</summary>
    private sealed class ScriptedText(string name, params string[] script) : ITextProvider
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<TextResponse> CompleteJsonAsync(TextRequest request, CancellationToken cancellationToken)
        {
            var step = script[Math.Min(Calls, script.Length - 1)];
            Calls++;
            return step switch
            {
                Ok => Task.FromResult(new TextResponse("{}", new ProviderUsage(name, name + "-model"))),
                Transient => throw new ProviderFailure(name, "overloaded", isTransient: true),
                Permanent => throw new ProviderFailure(name, "bad request", isTransient: false),
                RateLimited => throw new ProviderFailure(name, "HTTP 429", isTransient: true, TimeSpan.FromMilliseconds(300)),
                _ => throw new OperationCanceledException(cancellationToken),
            };
        }
    }

    private sealed class FixedCatalog(IReadOnlyList<ProviderCandidate> candidates) : IProviderCatalog
    {
        public Task<IReadOnlyList<ProviderCandidate>> CandidatesAsync(ProviderCapabilities capability, CancellationToken cancellationToken) =>
            Task.FromResult(candidates);
    }
}
