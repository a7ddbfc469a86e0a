namespace DreamX.Web.Localization;

/// <summary>Marker for the image-text note's strings (NoteText.resx, NoteText.zh-CN.resx): its forms, carousel and export.</summary>
public sealed class NoteText;
