namespace DreamX.Web.Localization;

/// <summary>Strings of the AI providers admin page (ProvidersText.resx, ProvidersText.zh-CN.resx).</summary>
public sealed class ProvidersText;
