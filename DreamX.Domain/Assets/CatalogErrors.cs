namespace DreamX.Domain.Assets;

/// <summary>Why a catalogue change was refused; each code is also the key of its message in the admin texts.</summary>
public static class CatalogErrors
{
    public const string NotFound = "Error.NotFound";
    public const string TitleRequired = "Error.TitleRequired";
    public const string TitleTaken = "Error.TitleTaken";
    public const string NameRequired = "Error.NameRequired";
    public const string NameTaken = "Error.NameTaken";
    public const string TooLong = "Error.TooLong";
    public const string LanguageUnsupported = "Error.LanguageUnsupported";
    public const string EngineVoiceRequired = "Error.EngineVoiceRequired";
    public const string PitchRange = "Error.PitchRange";
    public const string SpeedRange = "Error.SpeedRange";
    public const string PaletteColour = "Error.PaletteColour";
    public const string FileEmpty = "Error.FileEmpty";
    public const string FileTooLarge = "Error.FileTooLarge";
    public const string FileType = "Error.FileType";
}
