using DreamX.Domain.Audit;
using DreamX.Infrastructure.Audit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>The audit log for admins: logins, account and credit changes, provider keys; searchable by person, address or trace id.</summary>
public sealed partial class AuditLog
{
    [Inject] private AuditTrail Trail { get; set; } = null!;

    private MudTable<AuditRow>? _table;
    private string _search = "";
    private string _action = "";
    private DateRange? _range;

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var from = _range?.Start is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start.Date, DateTimeKind.Local)) : (DateTimeOffset?)null;
        var to = _range?.End is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Local)) : (DateTimeOffset?)null;
        var page = await Trail.SearchAsync(new AuditQuery(_action, _search, from, to, state.Page, state.PageSize), ct);
        return new TableData<AuditRow> { Items = page.Items, TotalItems = page.Total };
    }

    private Task SearchAsync(string search)
    {
        _search = search ?? "";
        return ReloadAsync();
    }

    private Task ActionChangedAsync(string action)
    {
        _action = action ?? "";
        return ReloadAsync();
    }

    private Task RangeChangedAsync(DateRange? range)
    {
        _range = range;
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_table is null)
            return;
        _table.NavigateTo(0);
        await _table.ReloadServerData();
    }

    private string ActionLabel(string action)
    {
        var key = action.StartsWith(AuditActions.LedgerPrefix, StringComparison.Ordinal) ? "Audit.Action.ledger" : "Audit.Action." + action;
        var label = L[key];
        return label.ResourceNotFound ? action
            : action.StartsWith(AuditActions.LedgerPrefix, StringComparison.Ordinal) ? $"{label.Value} · {action[AuditActions.LedgerPrefix.Length..]}"
            : label.Value;
    }

    private static Color ActionColor(string action) => action switch
    {
        AuditActions.LoginFailed or AuditActions.LoginLockedOut or AuditActions.UserLocked or AuditActions.ProviderRemoved => Color.Error,
        AuditActions.ProviderKeyChanged or AuditActions.PasswordReset or AuditActions.PasswordChanged or AuditActions.CreditsAdjusted
            or AuditActions.RoleGranted or AuditActions.PlanChanged => Color.Warning,
        _ when action.StartsWith(AuditActions.LedgerPrefix, StringComparison.Ordinal) => Color.Info,
        _ => Color.Default,
    };
}
