using DreamX.Infrastructure.Providers.Builtin;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Localization;

/// <summary>Marker for who made a result (ProvenanceText.resx, ProvenanceText.zh-CN.resx): canvas cards, the board, the task center.</summary>
public sealed class ProvenanceText;

/// <summary>A result's maker in the reader's words: "fake-ai · fake-chat", or "Built-in · story-writer-v1" for the studio's own.</summary>
public static class Provenance
{
    public static string Maker(IStringLocalizer<ProvenanceText> text, string provider, string? model)
    {
        var who = provider == BuiltinProviders.Name ? text["Builtin"].Value : provider;
        return string.IsNullOrEmpty(model) ? who : $"{who} · {model}";
    }
}
