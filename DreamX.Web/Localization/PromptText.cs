namespace DreamX.Web.Localization;

/// <summary>Marker for the prompt-template admin page's strings (PromptText.resx, PromptText.zh-CN.resx).</summary>
public sealed class PromptText;
