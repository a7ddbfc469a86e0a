using DreamX.Domain.Users;
using DreamX.Infrastructure.Users;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Profile;

/// <summary>The profile's access tokens for the API: create one (shown once, with copy), see when each was last used, revoke.</summary>
public partial class AccessTokensCard
{
    private IReadOnlyList<AccessTokenView> _tokens = [];
    private CreatedAccessToken? _created;
    private string _name = "";
    private int _days = 90;
    private bool _write = true;
    private bool _busy;
    private string? _error;

    [Inject] private IStringLocalizer<AccessTokensText> L { get; set; } = null!;
    [Inject] private AccessTokens Tokens { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IJSRuntime Js { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync() => _tokens = await Tokens.ListAsync(await User.GetIdAsync());

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var scopes = _write ? new[] { TokenScopes.Read, TokenScopes.Write } : [TokenScopes.Read];
            var created = await Tokens.CreateAsync(await User.GetIdAsync(), _name, scopes, Clock.GetUtcNow().AddDays(_days));
            if (created.IsFailure)
            {
                var text = L[$"Error.{created.Error}"];
                _error = text.ResourceNotFound ? created.Error : text.Value;
                return;
            }
            _created = created.Value;
            _name = "";
            _tokens = await Tokens.ListAsync(await User.GetIdAsync());
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (_created is null)
            return;
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", _created.Token);
            Snackbar.Add(L["Copied"], Severity.Success);
        }
        catch (JSException)
        {
            // A browser that refuses the clipboard (no permission, not https): the token is on screen to select by hand.
            Snackbar.Add(L["CopyFailed"], Severity.Warning);
        }
    }

    private async Task RevokeAsync(Guid tokenId)
    {
        var userId = await User.GetIdAsync();
        var revoked = await Tokens.RevokeAsync(userId, tokenId);
        if (revoked.IsFailure)
        {
            _error = L[$"Error.{revoked.Error}"];
            return;
        }
        if (_created?.View.Id == tokenId)
            _created = null;
        _tokens = await Tokens.ListAsync(userId);
        Snackbar.Add(L["RevokedDone"], Severity.Info);
    }
}
