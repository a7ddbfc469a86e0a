using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;

namespace DreamX.Infrastructure.Providers.Routing;

// The ports the engine resolves: each one asks the router for the best provider of its kind.
// The answer's ProviderUsage names the provider and model that did the work, and whether the built-in stood in.

public sealed class RoutedTextProvider(ProviderRouter router) : ITextProvider
{
    public string Name => ProviderRouter.Name;

    public async Task<TextResponse> CompleteJsonAsync(TextRequest request, CancellationToken cancellationToken)
    {
        var routed = await router.RouteAsync<ITextProvider, TextResponse>(
            ProviderCapabilities.Text, request.Stage, (p, ct) => p.CompleteJsonAsync(request, ct), cancellationToken);
        return routed.IsFallback ? routed.Value with { Usage = routed.Value.Usage with { IsFallback = true } } : routed.Value;
    }
}

public sealed class RoutedImageProvider(ProviderRouter router) : IImageProvider
{
    public string Name => ProviderRouter.Name;

    public async Task<ImageResponse> GenerateImageAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        // A frame or key art with characters' pictures goes first to a model that takes them.
        var withCharacters = request.Kind is ImageKind.ShotFrame or ImageKind.SceneKeyArt or ImageKind.Cover && request.References is { Count: > 0 };
        var routed = await router.RouteAsync<IImageProvider, ImageResponse>(
            ProviderCapabilities.Image, TaskTypeOf(request.Kind), (p, ct) => p.GenerateImageAsync(request, ct), cancellationToken,
            prefer: withCharacters ? c => c.AcceptsReferences : null);
        return routed.IsFallback ? routed.Value with { Usage = routed.Value.Usage with { IsFallback = true } } : routed.Value;
    }

    private static GenerationTaskType TaskTypeOf(ImageKind kind) => kind switch
    {
        ImageKind.CharacterPortrait => GenerationTaskType.CharacterPortrait,
        ImageKind.SceneKeyArt or ImageKind.Cover => GenerationTaskType.SceneKeyArt,
        _ => GenerationTaskType.ShotImage,
    };
}

public sealed class RoutedSpeechProvider(ProviderRouter router) : ISpeechProvider
{
    public string Name => ProviderRouter.Name;

    public async Task<SpeechResponse> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        var routed = await router.RouteAsync<ISpeechProvider, SpeechResponse>(
            ProviderCapabilities.Speech, GenerationTaskType.ShotAudio, (p, ct) => p.SynthesizeAsync(request, ct), cancellationToken);
        return routed.IsFallback ? routed.Value with { Usage = routed.Value.Usage with { IsFallback = true } } : routed.Value;
    }
}

public sealed class RoutedClipProvider(ProviderRouter router) : IClipProvider
{
    public string Name => ProviderRouter.Name;

    public async Task<ClipResponse> RenderClipAsync(ClipRequest request, CancellationToken cancellationToken)
    {
        var routed = await router.RouteAsync<IClipProvider, ClipResponse>(
            ProviderCapabilities.Clip, GenerationTaskType.ShotClip, (p, ct) => p.RenderClipAsync(request, ct), cancellationToken);
        return routed.IsFallback ? routed.Value with { Usage = routed.Value.Usage with { IsFallback = true } } : routed.Value;
    }
}
