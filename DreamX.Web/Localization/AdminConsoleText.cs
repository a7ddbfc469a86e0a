namespace DreamX.Web.Localization;

/// <summary>Marker for the admin console's strings: users, prices, dashboard (AdminConsoleText.resx, AdminConsoleText.zh-CN.resx).</summary>
public sealed class AdminConsoleText;
