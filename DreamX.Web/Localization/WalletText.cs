namespace DreamX.Web.Localization;

/// <summary>Marker for the wallet page's strings (WalletText.resx, WalletText.zh-CN.resx).</summary>
public sealed class WalletText;
