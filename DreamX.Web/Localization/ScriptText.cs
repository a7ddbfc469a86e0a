namespace DreamX.Web.Localization;

/// <summary>Marker for the film words of a script (ScriptText.resx, ScriptText.zh-CN.resx): shot types, camera moves, transitions.</summary>
public sealed class ScriptText;
