namespace DreamX.Web.Localization;

/// <summary>Marker for the access tokens card's strings (AccessTokensText.resx, AccessTokensText.zh-CN.resx).</summary>
public sealed class AccessTokensText;
