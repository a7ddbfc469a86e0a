using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using DreamX.Web.Account;
using DreamX.Web.Hosting;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Account;

public partial class Register
{
    private const int NicknameMax = UserProfile.NicknameMaxLength;

    private MudForm _form = null!;
    private bool _isValid;
    private bool _busy;
    private string _email = "";
    private string _nickname = "";
    private string _password = "";
    private string _confirm = "";
    private string? _error;

    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private StudioRateLimits Limits { get; set; } = null!;
    [Inject] private ClientAddress Client { get; set; } = null!;
    [Inject] private BrowserBinding Binding { get; set; } = null!;
    [Inject] private DreamX.Infrastructure.Audit.AuditTrail Audit { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = null!;
    [Inject] private LoginTickets Tickets { get; set; } = null!;

    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    protected override void OnInitialized()
    {
        _ = Client.Value;
        _ = Binding.Value;
    }

    private string? ValidateEmail(string value) => AccountRules.IsEmail(value) ? null : T["Account.EmailInvalid"].Value;

    private string? ValidateNickname(string value) =>
        (value?.Length ?? 0) <= NicknameMax ? null : T["Account.NicknameTooLong", NicknameMax].Value;

    private string? ValidatePassword(string value) => AccountRules.PasswordMessage(value, T);

    private string? ValidateConfirm(string value) => value == _password ? null : T["Account.PasswordsDiffer"].Value;

    private async Task RegisterAsync()
    {
        await _form.ValidateAsync();
        if (!_isValid)
            return;

        _error = null;
        var allowed = Limits.TryAcquire(StudioRateLimits.Register, Client.Value);
        if (!allowed.Allowed)
        {
            _error = T["Account.TooManyAttempts", allowed.RetryAfterSeconds];
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            if (Binding.Value is null)
            {
                _error = T["Account.CookiesNeeded"];
                return;
            }
            if (await Users.FindByEmailAsync(_email.Trim()) is not null)
            {
                // As slow as creating the account would have been: the time does not tell which addresses exist.
                AccountRules.SpendPasswordCheck(Users.PasswordHasher, _password);
                _error = T["Account.EmailTaken"];
                return;
            }

            var registered = await Accounts.RegisterAsync(_email, _password, _nickname);
            if (registered.IsFailure)
            {
                _error = T["Account.RegisterFailed", registered.Error ?? ""];
                return;
            }

            await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.Registered, registered.Value.Id, registered.Value.Email, actorId: registered.Value.Id);
            var ticket = Tickets.Issue(registered.Value.Id, remember: false, Binding.Value);
            var returnUrl = AccountEndpoints.SafeReturnUrl(ReturnUrl ?? "/projects");
            Navigation.NavigateTo($"/account/complete-login?ticket={Uri.EscapeDataString(ticket)}&returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
        }
        finally
        {
            _busy = false;
        }
    }
}
