namespace DreamX.Web.Localization;

/// <summary>Marker for the strings of an episode's language versions (TranslationText.resx, TranslationText.zh-CN.resx).</summary>
public sealed class TranslationText;
