namespace DreamX.Web.Localization;

/// <summary>Strings of a character's reference sheet (CharacterSheetText.resx, CharacterSheetText.zh-CN.resx).</summary>
public sealed class CharacterSheetText;
