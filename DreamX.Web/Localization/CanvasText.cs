namespace DreamX.Web.Localization;

/// <summary>Marker for the canvas' strings (CanvasText.resx, CanvasText.zh-CN.resx).</summary>
public sealed class CanvasText;
