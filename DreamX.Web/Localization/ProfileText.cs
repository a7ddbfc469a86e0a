namespace DreamX.Web.Localization;

/// <summary>Marker for the profile page's strings (ProfileText.resx, ProfileText.zh-CN.resx).</summary>
public sealed class ProfileText;
