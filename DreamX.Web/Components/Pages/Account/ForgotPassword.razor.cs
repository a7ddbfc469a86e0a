using System.Text;
using DreamX.Infrastructure.Identity;
using DreamX.Web.Account;
using DreamX.Web.Hosting;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Account;

/// <summary>Sends a reset link; the answer is the same whether the account exists or not, so e-mails cannot be probed.</summary>
public partial class ForgotPassword
{
    private MudForm _form = null!;
    private bool _isValid;
    private bool _busy;
    private bool _sent;
    private string _email = "";
    private string? _error;

    protected override void OnInitialized() => _ = Client.Value;

    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private StudioRateLimits Limits { get; set; } = null!;
    [Inject] private ClientAddress Client { get; set; } = null!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = null!;
    [Inject] private IEmailSender<ApplicationUser> Email { get; set; } = null!;
    [Inject] private PublicLinks Links { get; set; } = null!;

    private string? ValidateEmail(string value) => AccountRules.IsEmail(value) ? null : T["Account.EmailInvalid"].Value;

    private async Task SendAsync()
    {
        await _form.ValidateAsync();
        if (!_isValid)
            return;
        _error = null;
        var allowed = Limits.TryAcquire(StudioRateLimits.PasswordReset, Client.Value);
        if (!allowed.Allowed)
        {
            _error = T["Account.TooManyAttempts", allowed.RetryAfterSeconds];
            return;
        }

        _busy = true;
        try
        {
            var user = await Users.FindByEmailAsync(_email.Trim());
            if (user?.Email is not null)
            {
                var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await Users.GeneratePasswordResetTokenAsync(user)));
                // From the configured public address: a Host header is the sender's to choose.
                var link = Links.To($"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={token}").AbsoluteUri;
                await Email.SendPasswordResetLinkAsync(user, user.Email, link);
            }
            _sent = true;
        }
        finally
        {
            _busy = false;
        }
    }
}
