using DreamX.Domain.Common;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Localization;

/// <summary>Marker for the production board's strings (ProductionText.resx, ProductionText.zh-CN.resx).</summary>
public sealed class ProductionText;

/// <summary>What stops a production step, in words: one wording for the board, the canvas, the project page and the API.</summary>
public static class ProductionBlockers
{
    /// <summary>A blocker's code in the reader's language, with the values it names filled in (the rate limit's wait); a
    /// code with no text as it is.</summary>
    public static string Blocker(this IStringLocalizer<ProductionText> text, string code, params object[] arguments) =>
        text[$"Blocker.{code}", arguments] is { ResourceNotFound: false } words ? words.Value : code;

    /// <summary>Why a request failed, in words (its code and the values the code names).</summary>
    public static string Blocker(this IStringLocalizer<ProductionText> text, Result failed) =>
        text.Blocker(failed.Error!, [.. failed.ErrorArguments]);
}
