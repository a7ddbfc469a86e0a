namespace DreamX.Web.Localization;

/// <summary>Marker for the showcase submission strings (ShowcaseSubmitText.resx, ShowcaseSubmitText.zh-CN.resx).</summary>
public sealed class ShowcaseSubmitText;
