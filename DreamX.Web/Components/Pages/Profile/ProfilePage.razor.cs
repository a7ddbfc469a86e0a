using DreamX.Infrastructure.Identity.Passwords;
using DreamX.Domain.Storage;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Storage;
using DreamX.Infrastructure.Users;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Profile;

/// <summary>The creator's nickname, time zone, avatar and password.</summary>
public partial class ProfilePage
{
    private static readonly IReadOnlyList<string> TimeZones =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    private ProfileView? _profile;
    private string? _avatarUrl;
    private string _nickname = "";
    private string _timeZone = "UTC";
    private string _currentPassword = "";
    private string _newPassword = "";
    private string _confirmPassword = "";
    private string? _avatarError;
    private string? _detailsError;
    private string? _passwordError;
    private bool _uploading;
    private MudForm _detailsForm = null!;
    private MudForm _passwordForm = null!;

    [Inject] private IStringLocalizer<ProfileText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private CreatorProfiles Profiles { get; set; } = null!;
    [Inject] private MediaUrls Media { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.UploadLimit Uploads { get; set; } = null!;
    [Inject] private LoginTickets Tickets { get; set; } = null!;
    [Inject] private BrowserBinding Binding { get; set; } = null!;
    [Inject] private DreamX.Infrastructure.Audit.AuditTrail Audit { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "password")] private string? PasswordState { get; set; }

    private string Initial => _profile is { Nickname.Length: > 0 } p ? p.Nickname[..1].ToUpperInvariant() : "?";

    protected override async Task OnInitializedAsync()
    {
        _ = Binding.Value;
        await LoadAsync();
        if (PasswordState == "changed")
            Snackbar.Add(L["PasswordChanged"], Severity.Success);
    }

    private async Task LoadAsync()
    {
        var userId = await User.GetIdAsync();
        _profile = await Profiles.FindAsync(userId);
        if (_profile is null)
            return;
        _nickname = _profile.Nickname;
        _timeZone = _profile.TimeZoneId;
        _avatarUrl = null;
        if (_profile.AvatarKey is not null && ObjectKey.TryParse(_profile.AvatarKey, out var key))
        {
            var url = await Media.GetReadUrlAsync(key, ObjectReader.User(userId), CancellationToken.None);
            _avatarUrl = url.IsSuccess ? url.Value : null;
        }
    }

    private string Describe(string? code, params object[] arguments)
    {
        var text = L[$"Error.{code}", arguments];
        return text.ResourceNotFound ? code ?? "" : text.Value;
    }

    private string? ValidateNickname(string value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
            return Describe("nickname.required");
        return trimmed.Length > UserProfile.NicknameMaxLength ? Describe("nickname.too_long", UserProfile.NicknameMaxLength) : null;
    }

    private string? ValidateTimeZone(string value) => CreatorProfiles.IsKnownTimeZone(value) ? null : Describe("timezone.unknown");

    private string? ValidateNewPassword(string value) => AccountRules.CheckPassword(value) switch
    {
        PasswordProblem.None => null,
        PasswordProblem.TooCommon => Describe("password.common"),
        _ => Describe("password.rules"),
    };

    private string? ValidateConfirm(string value) => value == _newPassword ? null : L["PasswordsDiffer"].Value;

    private Task<IEnumerable<string>> SearchTimeZones(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? TimeZones
            : TimeZones.Where(z => z.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task UploadAvatarAsync(IBrowserFile? file)
    {
        if (file is null)
            return;
        _avatarError = null;
        if (file.Size > AvatarImage.MaxBytes)
        {
            // Refused before reading: a huge file never crosses the circuit.
            _avatarError = Describe("avatar.too_large");
            return;
        }
        // Over the upload limit: neither read nor stored; the message names the wait.
        if (await Uploads.RefuseAsync() is { } refused)
        {
            _avatarError = refused;
            return;
        }

        _uploading = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var upload = file.OpenReadStream(AvatarImage.MaxBytes))
                await upload.CopyToAsync(buffer);
            var replaced = await Profiles.ReplaceAvatarAsync(await User.GetIdAsync(), buffer.ToArray(), file.ContentType);
            if (replaced.IsFailure)
            {
                _avatarError = Describe(replaced.Error);
                return;
            }
            Snackbar.Add(L["AvatarSaved"], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task RemoveAvatarAsync()
    {
        var removed = await Profiles.RemoveAvatarAsync(await User.GetIdAsync());
        if (removed.IsFailure)
        {
            _avatarError = Describe(removed.Error);
            return;
        }
        Snackbar.Add(L["AvatarRemoved"], Severity.Success);
        await LoadAsync();
    }

    private async Task SaveDetailsAsync()
    {
        await _detailsForm.ValidateAsync();
        if (!_detailsForm.IsValid)
            return;
        var saved = await Profiles.UpdateAsync(await User.GetIdAsync(), _nickname, _timeZone);
        _detailsError = saved.IsFailure ? Describe(saved.Error, UserProfile.NicknameMaxLength) : null;
        if (saved.IsSuccess)
        {
            Snackbar.Add(L["Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangePasswordAsync()
    {
        await _passwordForm.ValidateAsync();
        if (!_passwordForm.IsValid)
            return;
        _passwordError = null;
        var user = await Users.FindByIdAsync(await User.GetIdAsync());
        if (user is null)
        {
            _passwordError = Describe("profile.not_found");
            return;
        }

        var changed = await Users.ChangePasswordAsync(user, _currentPassword, _newPassword);
        if (!changed.Succeeded)
        {
            _passwordError = changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? Describe("password.wrong")
                : AccountRules.IsTooCommon(changed) ? Describe("password.common") : Describe("password.rules");
            return;
        }

        await Audit.RecordAsync(DreamX.Domain.Audit.AuditActions.PasswordChanged, user.Id, user.Email, actorId: user.Id);
        // The change gave the account a new security stamp, which ends every session, this one too:
        // sign this browser in again with a fresh cookie (a circuit cannot set one itself).
        var ticket = Tickets.Issue(user.Id, remember: false, Binding.Value ?? "");
        Navigation.NavigateTo(
            $"/account/complete-login?ticket={Uri.EscapeDataString(ticket)}&returnUrl={Uri.EscapeDataString("/profile?password=changed")}",
            forceLoad: true);
    }
}
