namespace DreamX.Web.Localization;

/// <summary>Strings of the canvas side panel: actions, edit forms and versions.</summary>
public sealed class CanvasPanelText;
