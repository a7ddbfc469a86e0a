namespace DreamX.Web.Localization;

/// <summary>Marker for the public gallery's strings (ShowcaseText.resx, ShowcaseText.zh-CN.resx).</summary>
public sealed class ShowcaseText;
