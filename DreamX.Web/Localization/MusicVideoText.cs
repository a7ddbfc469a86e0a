namespace DreamX.Web.Localization;

/// <summary>Marker for the music video's strings (MusicVideoText.resx, MusicVideoText.zh-CN.resx): the song at the checkpoint and the song map.</summary>
public sealed class MusicVideoText;
