using System.Globalization;
using DreamX.Domain.Events;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Webhooks;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Profile;

/// <summary>The creator's webhook endpoints on the profile page: add (the secret shown once), test, turn off, delete, the delivery log with redelivery.</summary>
public partial class WebhookSettings
{
    private IReadOnlyList<WebhookEndpointView>? _endpoints;
    private IReadOnlyList<WebhookDeliveryView>? _deliveries;
    private readonly HashSet<string> _chosen = [StudioEventTypes.TaskSucceeded, StudioEventTypes.TaskFailed, StudioEventTypes.RenderFinished];
    private Guid? _open;
    private string _url = "";
    private string _description = "";
    private string? _newSecret;
    private string? _error;
    private bool _busy;
    private string _userId = "";

    [Inject] private IStringLocalizer<WebhooksText> L { get; set; } = null!;
    [Inject] private WebhookEndpoints Webhooks { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _userId = await User.GetIdAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() => _endpoints = await Webhooks.ListAsync(_userId);

    private void Choose(string type, bool on)
    {
        if (on)
            _chosen.Add(type);
        else
            _chosen.Remove(type);
    }

    private async Task AddAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var result = await Webhooks.CreateAsync(_userId, new WebhookInput(_url, StudioEventTypes.Webhookable.Where(_chosen.Contains).ToList(), _description));
            if (result.IsFailure)
            {
                _error = Describe(result.Error);
                return;
            }
            _newSecret = result.Value.Secret;
            _url = "";
            _description = "";
            Snackbar.Add(L["Added"], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PingAsync(WebhookEndpointView endpoint)
    {
        _busy = true;
        try
        {
            var result = await Webhooks.PingAsync(_userId, endpoint.Id);
            if (result.IsFailure)
                Snackbar.Add(Describe(result.Error), Severity.Error);
            else if (result.Value.Succeeded)
                Snackbar.Add(L["TestOk", result.Value.StatusCode!, result.Value.DurationMs], Severity.Success);
            else
                Snackbar.Add(L["TestFailed", result.Value.Error ?? ""], Severity.Error);
            if (_open == endpoint.Id)
                await LoadDeliveriesAsync(endpoint.Id);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ToggleDeliveriesAsync(WebhookEndpointView endpoint)
    {
        if (_open == endpoint.Id)
        {
            _open = null;
            _deliveries = null;
            return;
        }
        _open = endpoint.Id;
        await LoadDeliveriesAsync(endpoint.Id);
    }

    private async Task LoadDeliveriesAsync(Guid endpointId)
    {
        var result = await Webhooks.DeliveriesAsync(_userId, endpointId, 1, 20);
        _deliveries = result.IsSuccess ? result.Value.Items : [];
    }

    private async Task RedeliverAsync(WebhookEndpointView endpoint, WebhookDeliveryView delivery)
    {
        _busy = true;
        try
        {
            var result = await Webhooks.RedeliverAsync(_userId, endpoint.Id, delivery.Id);
            if (result.IsFailure)
                Snackbar.Add(Describe(result.Error), Severity.Error);
            else if (result.Value.Succeeded)
                Snackbar.Add(L["Redelivered", result.Value.StatusCode!], Severity.Success);
            else
                Snackbar.Add(L["RedeliverFailed", result.Value.Error ?? ""], Severity.Error);
            await LoadDeliveriesAsync(endpoint.Id);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ToggleEnabledAsync(WebhookEndpointView endpoint)
    {
        _busy = true;
        try
        {
            var result = await Webhooks.UpdateAsync(_userId, endpoint.Id,
                new WebhookInput(endpoint.Url, endpoint.EventTypes, endpoint.Description, Enabled: !endpoint.Enabled));
            if (result.IsFailure)
                Snackbar.Add(Describe(result.Error), Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(WebhookEndpointView endpoint)
    {
        _busy = true;
        try
        {
            var result = await Webhooks.DeleteAsync(_userId, endpoint.Id);
            Snackbar.Add(result.IsSuccess ? L["Deleted"] : Describe(result.Error), result.IsSuccess ? Severity.Success : Severity.Error);
            if (_open == endpoint.Id)
            {
                _open = null;
                _deliveries = null;
            }
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private string Describe(string? code)
    {
        object[] arguments = code switch
        {
            WebhookEndpoints.DescriptionTooLong => [WebhookEndpoint.DescriptionMaxLength],
            WebhookEndpoints.TooMany => [WebhookEndpoint.MaxPerUser],
            _ => [],
        };
        var text = L[$"Error.{code}", arguments];
        return text.ResourceNotFound ? code ?? "" : text.Value;
    }

    private string TypeLabel(string type)
    {
        var text = L[$"Type.{type}"];
        return text.ResourceNotFound ? type : text.Value;
    }

    private static Color StatusColour(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
