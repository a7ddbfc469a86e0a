using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using DreamX.Infrastructure.Users;
using DreamX.Web.Account;
using Microsoft.AspNetCore.Components;

namespace DreamX.Web.Components.Layout;

/// <summary>The signed-in creator's avatar and nickname in the app bar, with the profile link and log out.</summary>
public partial class UserMenu
{
    private string? _nickname;
    private string? _avatarUrl;

    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private CreatorProfiles Profiles { get; set; } = null!;
    [Inject] private MediaUrls Media { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        if (await User.FindIdAsync() is not { } userId || await Profiles.FindAsync(userId) is not { } profile)
            return;
        _nickname = profile.Nickname;
        if (profile.AvatarKey is not null && ObjectKey.TryParse(profile.AvatarKey, out var key))
        {
            var url = await Media.GetReadUrlAsync(key, ObjectReader.User(userId), CancellationToken.None);
            _avatarUrl = url.IsSuccess ? url.Value : null;
        }
    }

    private static string Initial(string? name) => string.IsNullOrEmpty(name) ? "?" : name[..1].ToUpperInvariant();
}
