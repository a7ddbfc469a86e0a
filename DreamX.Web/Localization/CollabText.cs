namespace DreamX.Web.Localization;

/// <summary>Marker for the strings of exports to other editors and of working together (CollabText.resx, CollabText.zh-CN.resx).</summary>
public sealed class CollabText;
