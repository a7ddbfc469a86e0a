using DreamX.Domain.Scripts;

namespace DreamX.Domain.Generation.Providers;

/// <summary>A character as it must look in every frame (the consistency anchor). <see cref="Seed"/>: the character's fixed seed.</summary>
public sealed record ImageCharacter(string Name, string Appearance, string? Gender = null, int? Age = null, int? Seed = null);

/// <summary>
/// A picture of a character in the frame (its portrait or an extra reference) for models that take reference images.
/// Queued with the object key only; <see cref="Content"/> is read from storage just before the call.
/// </summary>
public sealed record ImageReference(string Character, string Key, byte[]? Content = null, string? ContentType = null);

/// <summary>
/// A frame, portrait or key art to draw. <see cref="Prompt"/> is the full text prompt for remote models;
/// the structured fields let the built-in illustrator compose the picture without reading prose.
/// </summary>
public sealed record ImageRequest(
    string Prompt,
    int Width,
    int Height,
    string StyleName,
    IReadOnlyList<string> StylePalette,
    ImageKind Kind,
    ShotType? ShotType = null,
    IReadOnlyList<ImageCharacter>? Characters = null,
    string? Setting = null,
    string? Caption = null,
    int Seed = 0,
    string? Model = null,
    IReadOnlyList<ImageReference>? References = null)
{
    /// <summary>The references with their pictures loaded (those that could not be read are left out).</summary>
    public IReadOnlyList<ImageReference> LoadedReferences() =>
        References is null ? [] : [.. References.Where(r => r.Content is { Length: > 0 } && r.ContentType is { Length: > 0 })];
}

public enum ImageKind
{
    ShotFrame,
    CharacterPortrait,
    SceneKeyArt,
    Cover,
    StyleSample,
}

public sealed record ImageResponse(byte[] Content, string ContentType, ProviderUsage Usage);

/// <summary>Port: image generation.</summary>
public interface IImageProvider
{
    string Name { get; }

    Task<ImageResponse> GenerateImageAsync(ImageRequest request, CancellationToken cancellationToken);
}
