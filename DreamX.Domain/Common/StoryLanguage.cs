namespace DreamX.Domain.Common;

/// <summary>Languages a project can be written and voiced in; the value is the BCP 47 tag.</summary>
public static class StoryLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsSupported(string? tag) => tag is not null && All.Contains(tag);
}
