namespace DreamX.Web.Localization;

/// <summary>Marker for the shell's strings (AppText.resx, AppText.zh-CN.resx): layout, navigation, account, common words.</summary>
public sealed class AppText;
