using DreamX.Infrastructure.Identity;
using DreamX.Web.Account;
using DreamX.Web.Hosting;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Account;

public partial class Login
{
    private MudForm _form = null!;
    private bool _isValid;
    private bool _busy;
    private bool _remember;
    private string _email = "";
    private string _password = "";
    private string? _error;

    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = null!;
    [Inject] private SignInManager<ApplicationUser> SignIn { get; set; } = null!;
    [Inject] private LoginTickets Tickets { get; set; } = null!;
    [Inject] private StudioRateLimits Limits { get; set; } = null!;
    [Inject] private ClientAddress Client { get; set; } = null!;
    [Inject] private BrowserBinding Binding { get; set; } = null!;
    [Inject] private DreamX.Infrastructure.Audit.AuditTrail Audit { get; set; } = null!;

    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery(Name = "error")] private string? ErrorCode { get; set; }

    private string RegisterUrl => string.IsNullOrEmpty(ReturnUrl) ? "/account/register" : $"/account/register?returnUrl={Uri.EscapeDataString(ReturnUrl)}";

    protected override void OnInitialized()
    {
        _ = Client.Value;
        _ = Binding.Value;
        if (ErrorCode == "expired")
            _error = T["Account.TicketExpired"];
    }

    private string? ValidateEmail(string value) =>
        AccountRules.IsEmail(value) ? null : T["Account.EmailInvalid"].Value;

    private async Task SubmitOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
            await LoginAsync();
    }

    private async Task LoginAsync()
    {
        await _form.ValidateAsync();
        if (!_isValid)
            return;

        _busy = true;
        _error = null;
        try
        {
            var allowed = Limits.TryAcquire(StudioRateLimits.Login, Client.Value);
            if (!allowed.Allowed)
            {
                _error = T["Account.TooManyAttempts", allowed.RetryAfterSeconds];
                return;
            }

            var user = await Users.FindByEmailAsync(_email.Trim());
            if (user is null)
            {
                // As slow as a wrong password, so the answer's time does not tell which addresses have accounts.
                AccountRules.SpendPasswordCheck(Users.PasswordHasher, _password);
                await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.LoginFailed, subject: _email.Trim(), details: "unknown account");
                _error = T["Account.InvalidLogin"];
                return;
            }

            var result = await SignIn.CheckPasswordSignInAsync(user, _password, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.LoginLockedOut, user.Id, user.Email, actorId: user.Id);
                _error = T["Account.LockedOut"];
                return;
            }
            if (!result.Succeeded)
            {
                await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.LoginFailed, user.Id, user.Email, "wrong password", actorId: user.Id);
                _error = T["Account.InvalidLogin"];
                return;
            }

            if (Binding.Value is not { } binding)
            {
                _error = T["Account.CookiesNeeded"];
                return;
            }
            await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.LoginSucceeded, user.Id, user.Email, actorId: user.Id);
            var ticket = Tickets.Issue(user.Id, _remember, binding);
            var returnUrl = AccountEndpoints.SafeReturnUrl(ReturnUrl);
            Navigation.NavigateTo($"/account/complete-login?ticket={Uri.EscapeDataString(ticket)}&returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
        }
        finally
        {
            _busy = false;
        }
    }
}
