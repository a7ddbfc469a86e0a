namespace DreamX.Domain.Storage;

/// <summary>The folders under <c>assets/</c>: the public catalogue.</summary>
public static class AssetKinds
{
    public const string Styles = "styles";
    public const string Voices = "voices";
    public const string Showcases = "showcases";
    public const string Music = "music";
}
