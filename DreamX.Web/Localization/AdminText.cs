namespace DreamX.Web.Localization;

/// <summary>Marker for the admin catalogue's strings (AdminText.resx, AdminText.zh-CN.resx): styles, voices, showcases.</summary>
public sealed class AdminText;
