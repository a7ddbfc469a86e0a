using Bunit;
using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Web.Components.Pages.Wallet;
using MudBlazor;

namespace DreamX.Tests.Web.Components.Wallet;

public sealed class WalletComponentTests : StudioComponentTest
{
    private readonly List<CreditEntryKind?> _asked = [];

    [Fact]
    public async Task The_check_in_button_offers_todays_credits_and_asks_the_page_to_check_in()
    {
        var clicked = 0;
        var card = Render<CheckInCard>(p => p
            .Add(c => c.Status, new CheckInStatus(new DateOnly(2026, 3, 11), false, 3, 25))
            .Add(c => c.OnCheckIn, () => clicked++));

        await card.Find("[data-testid='checkin-button']").ClickAsync(new());

        Assert.Equal(1, clicked);
        Assert.Contains("Check in (+25)", card.Find("[data-testid='checkin-button']").TextContent);
        Assert.Equal("Streak: 3 days", card.Find("[data-testid='checkin-streak']").TextContent);
    }

    [Fact]
    public void A_user_who_checked_in_today_sees_it_on_the_button()
    {
        var card = Render<CheckInCard>(p => p.Add(c => c.Status, new CheckInStatus(new DateOnly(2026, 3, 11), true, 1, 15)));

        Assert.Equal("true", card.Find("[data-testid='checkin-button']").GetAttribute("data-checked-in"));
        Assert.Contains("Checked in today", card.Find("[data-testid='checkin-button']").TextContent);
    }

    [Fact]
    public void The_history_shows_signed_amounts_and_the_kind_of_each_entry()
    {
        var table = RenderHistory(Entry(CreditEntryKind.Earned, 10), Entry(CreditEntryKind.Consumed, -4));

        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("[data-testid='history-amount']").Count));
        var amounts = table.FindAll("[data-testid='history-amount']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["+10", "-4"], amounts);
        Assert.Equal(["Earned", "Spent"], table.FindAll("[data-testid='history-kind-chip']").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Choosing_a_kind_reads_the_history_of_that_kind_only()
    {
        RenderPopovers();
        var table = RenderHistory(Entry(CreditEntryKind.Earned, 10));
        table.WaitForAssertion(() => Assert.Single(_asked));
        var select = table.FindComponent<MudSelect<CreditEntryKind?>>();

        await table.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(CreditEntryKind.Adjusted));

        table.WaitForAssertion(() => Assert.Equal(CreditEntryKind.Adjusted, _asked[^1]));
    }

    [Fact]
    public void Studio_reasons_are_shown_in_the_readers_words_and_an_admins_reason_as_typed()
    {
        var table = RenderHistory(
            Entry(CreditEntryKind.Earned, 10, "checkin:user-1:20260311", "daily check-in, day 1"),
            Entry(CreditEntryKind.Adjusted, 50, "adjust:0001", "Festival bonus"));

        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("[data-testid='history-reason']").Count));
        Assert.Equal(["Daily check-in", "Festival bonus"], table.FindAll("[data-testid='history-reason']").Select(r => r.TextContent.Trim()));
    }

    [Fact]
    public void An_empty_history_says_so()
    {
        var table = RenderHistory();

        table.WaitForAssertion(() => Assert.Contains("No credit movements yet.", table.Find("[data-testid='history-empty']").TextContent));
    }

    private IRenderedComponent<CreditHistoryTable> RenderHistory(params CreditLedgerEntry[] entries) =>
        Render<CreditHistoryTable>(p => p.Add(t => t.Load, (kind, page, size, _) =>
        {
            _asked.Add(kind);
            return Task.FromResult(new CreditHistoryPage(entries.Where(e => kind is null || e.Kind == kind).ToList(), entries.Length));
        }));

    private static CreditLedgerEntry Entry(CreditEntryKind kind, int amount, string? key = null, string? reason = null) =>
        new() { Kind = kind, Amount = amount, BalanceAfter = 10, Reason = reason ?? kind.ToString(), IdempotencyKey = key ?? Guid.NewGuid().ToString() };
}
