using System.Globalization;
using DreamX.Domain.Common;

namespace DreamX.Domain.Notes;

/// <summary>The limits of an image-text note (Xiaohongshu's own), shared by the form, the writers, the edits and the API.</summary>
public static class NoteRules
{
    public const int MinPages = 1;
    public const int MaxPages = 9;
    public const int DefaultPages = 6;

    public const int TitleMaxLength = 20;
    public const int BodyMaxLength = 1000;
    public const int MaxHashtags = 10;
    public const int HashtagMaxLength = 20;
    public const int HookMaxLength = 40;
    public const int LineMaxLength = 120;
    public const int HeadingMaxLength = 24;
    public const int TextMaxLength = 120;
    public const int ImagePromptMaxLength = 600;

    /// <summary>Page size: 3:4 portrait, as the app shows it full-width.</summary>
    public const int PageWidth = 1080;
    public const int PageHeight = 1440;

    /// <summary>The tones a creator can pick; the writers phrase the note in it.</summary>
    public static readonly IReadOnlyList<string> Tones = ["friendly", "expert", "playful", "heartfelt"];
    public const string DefaultTone = "friendly";

    public static bool IsTone(string? tone) => tone is not null && Tones.Contains(tone);

    /// <summary>Characters as a reader counts them (an emoji or a CJK character is one).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters (text elements), never inside one.</summary>
    public static string Cut(string text, int max)
    {
        var info = new StringInfo(text.Trim());
        return info.LengthInTextElements <= max ? text.Trim() : info.SubstringByTextElements(0, max).TrimEnd();
    }

    /// <summary>A hashtag as stored: no leading '#', no spaces inside.</summary>
    public static string CleanHashtag(string tag) => tag.Trim().TrimStart('#', '＃').Replace(" ", "", StringComparison.Ordinal).Trim();

    public static IReadOnlyList<ValidationError> ValidatePost(string title, string body, IReadOnlyList<string> hashtags)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(title))
            errors.Add(new(nameof(NotePost.Title), "note.title_required"));
        else if (Length(title.Trim()) > TitleMaxLength)
            errors.Add(new(nameof(NotePost.Title), "note.title_too_long", TitleMaxLength));
        if (string.IsNullOrWhiteSpace(body))
            errors.Add(new(nameof(NotePost.Body), "note.body_required"));
        else if (Length(body.Trim()) > BodyMaxLength)
            errors.Add(new(nameof(NotePost.Body), "note.body_too_long", BodyMaxLength));
        var tags = hashtags.Select(CleanHashtag).Where(t => t.Length > 0).ToList();
        if (tags.Count > MaxHashtags)
            errors.Add(new(nameof(NotePost.Hashtags), "note.too_many_hashtags", MaxHashtags));
        else if (tags.Any(t => Length(t) > HashtagMaxLength))
            errors.Add(new(nameof(NotePost.Hashtags), "note.hashtag_too_long", HashtagMaxLength));
        return errors;
    }

    public static IReadOnlyList<ValidationError> ValidateOutline(string hook, IReadOnlyList<string> lines)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(hook))
            errors.Add(new(nameof(Note.Hook), "note.hook_required"));
        else if (Length(hook.Trim()) > HookMaxLength)
            errors.Add(new(nameof(Note.Hook), "note.hook_too_long", HookMaxLength));
        if (lines.Count is < MinPages or > MaxPages)
            errors.Add(new("Lines", "note.pages_range", MinPages, MaxPages));
        else if (lines.Any(string.IsNullOrWhiteSpace))
            errors.Add(new("Lines", "note.line_required"));
        else if (lines.Any(l => Length(l.Trim()) > LineMaxLength))
            errors.Add(new("Lines", "note.line_too_long", LineMaxLength));
        return errors;
    }

    /// <summary>The longest heading a page may have (the cover's is its hook).</summary>
    public static int HeadingLimit(bool cover) => cover ? HookMaxLength : HeadingMaxLength;

    public static IReadOnlyList<ValidationError> ValidatePage(string heading, string text, string imagePrompt, bool cover = false)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(heading))
            errors.Add(new(nameof(NotePage.Heading), "note.heading_required"));
        else if (Length(heading.Trim()) > HeadingLimit(cover))
            errors.Add(new(nameof(NotePage.Heading), "note.heading_too_long", HeadingLimit(cover)));
        if (Length(text.Trim()) > TextMaxLength)
            errors.Add(new(nameof(NotePage.Text), "note.text_too_long", TextMaxLength));
        if (string.IsNullOrWhiteSpace(imagePrompt))
            errors.Add(new(nameof(NotePage.ImagePrompt), "note.prompt_required"));
        else if (imagePrompt.Trim().Length > ImagePromptMaxLength)
            errors.Add(new(nameof(NotePage.ImagePrompt), "note.prompt_too_long", ImagePromptMaxLength));
        return errors;
    }
}
