using Bunit;
using DreamX.Domain.Credits;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Web.Components.Pages.Projects.Production;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DreamX.Tests.Web.Components.Projects;

public sealed class QuoteDialogTests : StudioComponentTest
{
    private static readonly ProductionQuote ShotImages = new(ProductionStep.ShotImages, 12, 96, 300, null);

    [Fact]
    public void The_quote_shows_the_tasks_the_credits_the_time_and_the_wallet_before_and_after()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(150, 4), budget: null);

        provider.WaitForAssertion(() => Assert.Equal("12 tasks", Text(provider, "quote-tasks")));
        Assert.Equal("96 credits", Text(provider, "quote-credits"));
        Assert.Equal("about 5 min", Text(provider, "quote-time"));
        Assert.Equal("146 credits", Text(provider, "quote-balance-now"));
        Assert.Equal("50 credits", Text(provider, "quote-balance-after"));
        Assert.Equal("Generate Shot images?", Text(provider, "quote-title"));
        Assert.Empty(provider.FindAll("[data-testid='quote-budget-left']"));
    }

    [Fact]
    public async Task Confirming_an_affordable_quote_answers_yes()
    {
        var (provider, confirmed) = Show(ShotImages, new CreditBalance(150, 0), budget: null);

        await Click(provider, "quote-confirm");

        Assert.True(await confirmed.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancelling_the_quote_answers_no()
    {
        var (provider, confirmed) = Show(ShotImages, new CreditBalance(150, 0), budget: null);

        await Click(provider, "quote-cancel");

        Assert.False(await confirmed.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Without_enough_available_credits_the_quote_cannot_be_confirmed_and_says_why()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(100, 20), budget: null);

        provider.WaitForAssertion(() => Assert.True(provider.Find("[data-testid='quote-confirm']").HasAttribute("disabled")));
        var alert = provider.Find("[data-testid='quote-insufficient']").TextContent;
        Assert.Contains("this needs 96 and your wallet has 80 available. Nothing will be queued.", alert);
        Assert.Equal("/wallet", provider.Find("[data-testid='quote-wallet-link']").GetAttribute("href"));
    }

    [Fact]
    public void A_quote_that_would_pass_the_budget_cap_cannot_be_confirmed_and_says_why()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(1000, 0), new ProjectBudget(CapCredits: 200, SpentCredits: 150));

        provider.WaitForAssertion(() => Assert.True(provider.Find("[data-testid='quote-confirm']").HasAttribute("disabled")));
        Assert.Equal("50 of 200 credits", Text(provider, "quote-budget-left"));
        Assert.Contains("it needs 96 credits and 50 of 200 are left", provider.Find("[data-testid='quote-budget-exceeded']").TextContent);
        Assert.Empty(provider.FindAll("[data-testid='quote-insufficient']"));
    }

    [Fact]
    public void A_quote_within_the_budget_cap_shows_what_is_left_after_it()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(1000, 0), new ProjectBudget(CapCredits: 500, SpentCredits: 100));

        provider.WaitForAssertion(() => Assert.Equal("304 credits", Text(provider, "quote-budget-after")));
        Assert.False(provider.Find("[data-testid='quote-confirm']").HasAttribute("disabled"));
        Assert.Empty(provider.FindAll("[data-testid='quote-budget-exceeded']"));
    }

    [Fact]
    public void Credits_held_by_unfinished_tasks_show_and_count_against_the_budget()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(1000, 0), new ProjectBudget(CapCredits: 200, SpentCredits: 50, HeldCredits: 60));

        provider.WaitForAssertion(() => Assert.Equal("60 credits", Text(provider, "quote-budget-held")));
        Assert.Equal("90 of 200 credits", Text(provider, "quote-budget-left"));
        Assert.True(provider.Find("[data-testid='quote-confirm']").HasAttribute("disabled"));
    }

    [Fact]
    public void The_time_says_how_many_tasks_run_at_once_on_the_plan()
    {
        var (provider, _) = Show(ShotImages with { ParallelTasks = 4 }, new CreditBalance(1000, 0), budget: null);

        provider.WaitForAssertion(() => Assert.Equal("4 tasks at a time on your plan", Text(provider, "quote-parallel")));
    }

    [Fact]
    public void Nothing_held_shows_no_held_row()
    {
        var (provider, _) = Show(ShotImages, new CreditBalance(1000, 0), new ProjectBudget(CapCredits: 500, SpentCredits: 100));

        provider.WaitForAssertion(() => Assert.Equal("400 of 500 credits", Text(provider, "quote-budget-left")));
        Assert.Empty(provider.FindAll("[data-testid='quote-budget-held']"));
    }

    [Fact]
    public void The_quote_reads_in_chinese_for_a_chinese_creator()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");

        var (provider, _) = Show(ShotImages, new CreditBalance(10, 0), budget: null);

        provider.WaitForAssertion(() => Assert.Equal("12 个任务", Text(provider, "quote-tasks")));
        Assert.Equal("约 5 分钟", Text(provider, "quote-time"));
        Assert.Contains("积分不足", provider.Find("[data-testid='quote-insufficient']").TextContent);
    }

    private (IRenderedComponent<MudDialogProvider> Provider, Task<bool> Confirmed) Show(
        ProductionQuote quote, CreditBalance balance, ProjectBudget? budget)
    {
        RenderPopovers();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        Task<bool> confirmed = null!;
        // Started on the renderer's dispatcher, not awaited: the task completes when the dialog closes.
        provider.InvokeAsync(() => { confirmed = QuoteDialog.ConfirmAsync(dialogs, "Shot images", quote, balance, budget); }).Wait();
        provider.WaitForElement("[data-testid='quote-dialog']");
        return (provider, confirmed);
    }

    private static async Task Click(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        await provider.Find($"[data-testid='{testId}']").ClickAsync(new());

    private static string Text(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid='{testId}']").TextContent.Trim();
}
