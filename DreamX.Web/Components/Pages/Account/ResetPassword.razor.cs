using System.Text;
using DreamX.Infrastructure.Identity;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Account;

/// <summary>Sets a new password from the link of the reset e-mail; a reset also lifts a lockout.</summary>
public partial class ResetPassword
{
    private MudForm _form = null!;
    private bool _isValid;
    private bool _busy;
    private bool _done;
    private string _password = "";
    private string _confirm = "";
    private string? _error;

    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = null!;
    [Inject] private DreamX.Infrastructure.Audit.AuditTrail Audit { get; set; } = null!;

    [SupplyParameterFromQuery] private string? Email { get; set; }
    [SupplyParameterFromQuery] private string? Token { get; set; }

    private string? ValidatePassword(string value) => AccountRules.PasswordMessage(value, T);

    private string? ValidateConfirm(string value) => value == _password ? null : T["Account.PasswordsDiffer"].Value;

    private async Task ResetAsync()
    {
        await _form.ValidateAsync();
        if (!_isValid)
            return;
        _busy = true;
        _error = null;
        try
        {
            var user = string.IsNullOrWhiteSpace(Email) ? null : await Users.FindByEmailAsync(Email);
            var token = DecodeToken(Token);
            if (user is null || token is null)
            {
                _error = T["Account.ResetInvalid"];
                return;
            }

            var reset = await Users.ResetPasswordAsync(user, token, _password);
            if (!reset.Succeeded)
            {
                _error = reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                    ? T["Account.ResetInvalid"]
                    : AccountRules.IsTooCommon(reset) ? T["Account.PasswordTooCommon"] : T["Account.PasswordRules"];
                return;
            }
            await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.PasswordReset, user.Id, user.Email, actorId: user.Id);
            await Users.SetLockoutEndDateAsync(user, null);
            await Users.ResetAccessFailedCountAsync(user);
            _done = true;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
