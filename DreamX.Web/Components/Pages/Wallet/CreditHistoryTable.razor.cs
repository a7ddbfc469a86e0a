using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Wallet;

/// <summary>The wallet's ledger: newest first, one page at a time from the server, filtered by kind.</summary>
public sealed partial class CreditHistoryTable
{
    public const int PageSize = 15;

    private MudTable<CreditLedgerEntry>? _table;
    private IReadOnlyDictionary<Guid, CreditTaskLabel> _tasks = new Dictionary<Guid, CreditTaskLabel>();
    private CreditEntryKind? _kind;

    /// <summary>Reads one page: (kind or null for all, zero-based page, page size).</summary>
    [Inject] private IStringLocalizer<TasksText> Tasks { get; set; } = null!;

    [Parameter, EditorRequired] public Func<CreditEntryKind?, int, int, CancellationToken, Task<CreditHistoryPage>> Load { get; set; } = null!;

    /// <summary>Reads the current page again (after a check-in or any change of the balance).</summary>
    public Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<TableData<CreditLedgerEntry>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var page = await Load(_kind, state.Page, state.PageSize, ct);
        _tasks = page.Tasks ?? new Dictionary<Guid, CreditTaskLabel>();
        return new TableData<CreditLedgerEntry> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task OnKindChangedAsync(CreditEntryKind? kind)
    {
        _kind = kind;
        if (_table is not null)
        {
            _table.NavigateTo(0);
            await _table.ReloadServerData();
        }
    }

    /// <summary>What the studio wrote is shown in the reader's language; an admin's own reason is shown as typed.</summary>
    private string ReasonOf(CreditLedgerEntry entry) => entry.IdempotencyKey switch
    {
        var key when key.StartsWith("checkin:", StringComparison.Ordinal) => L["Reason.CheckIn"],
        var key when key.StartsWith("sub:", StringComparison.Ordinal) => L["Reason.Plan"],
        var key when key.StartsWith("task:", StringComparison.Ordinal) => entry.Kind switch
        {
            CreditEntryKind.Reserved => L["Reason.TaskHeld"],
            CreditEntryKind.Consumed => L["Reason.TaskSpent"],
            _ => L["Reason.TaskReturned"],
        } + TaskLabel(entry),
        _ => entry.Reason ?? "",
    };

    /// <summary>": Shot image · The Heir" — what the task made and for which project.</summary>
    private string TaskLabel(CreditLedgerEntry entry) =>
        CreditHistoryPage.TaskIdOf(entry) is { } id && _tasks.TryGetValue(id, out var task)
            ? L["Reason.TaskWhat", Tasks[$"Type.{task.Type}"].Value, task.ProjectTitle]
            : "";

    private static string Signed(int amount) => amount > 0 ? $"+{amount}" : amount.ToString();

    private static Color KindColor(CreditLedgerEntry entry) => entry.Kind switch
    {
        CreditEntryKind.Earned or CreditEntryKind.Purchased or CreditEntryKind.Refunded => Color.Success,
        CreditEntryKind.Consumed => Color.Error,
        CreditEntryKind.Reserved or CreditEntryKind.Released => Color.Info,
        _ => Color.Default,
    };
}
