namespace DreamX.Web.Localization;

/// <summary>Strings of the music library admin page (MusicText.resx, MusicText.zh-CN.resx).</summary>
public sealed class MusicText;
