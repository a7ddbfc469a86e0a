using DreamX.Domain.Assets;
using DreamX.Web.Localization;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Turns a <see cref="CatalogErrors"/> code into a sentence in the admin's language, with the limits it mentions.</summary>
public static class CatalogMessages
{
    public static string Describe(this IStringLocalizer<AdminText> l, string? code, CatalogMediaRule? rule = null) => code switch
    {
        null => "",
        CatalogErrors.FileTooLarge => l[code, rule?.MaxMegabytes ?? 0].Value,
        CatalogErrors.FileType => l[code, rule?.FormatNames ?? ""].Value,
        CatalogErrors.PitchRange => l[code, VoiceDraft.MinPitch, VoiceDraft.MaxPitch].Value,
        CatalogErrors.SpeedRange => l[code, VoiceDraft.MinWordsPerMinute, VoiceDraft.MaxWordsPerMinute].Value,
        _ => l[code].Value,
    };

    /// <summary>A MudTextField validation: required (when asked) and at most <paramref name="maxLength"/> characters.</summary>
    public static Func<string, string?> TextRule(this IStringLocalizer<AdminText> l, int maxLength, bool required = false) => value =>
    {
        if (required && string.IsNullOrWhiteSpace(value))
            return l["Validation.Required"].Value;
        return (value?.Trim().Length ?? 0) > maxLength ? l["Validation.TooLong", maxLength].Value : null;
    };
}
