namespace DreamX.Domain.Generation.Stages;

// The text stages of an image-text note (小红书图文笔记): the outline, then the post.

/// <summary>What a note's writers are given: the checkpoint's topic, tone, language and page count, and the style.</summary>
public sealed record NoteBrief(
    string Title,
    string Language,
    string Idea,
    string Tone,
    int PageCount,
    string StyleName = "",
    string StylePrompt = "");

public sealed record NoteOutlineContext(NoteBrief Brief);

/// <summary>
/// The outline: the cover's hook and subtitle, and exactly <see cref="NoteBrief.PageCount"/> pages, each with its
/// line (what the page says), a heading and a short text for the picture, and what the picture shows.
/// </summary>
public sealed record NoteOutlineDraft(
    string Hook,
    string CoverText,
    string CoverImagePrompt,
    IReadOnlyList<NotePageDraft> Pages);

public sealed record NotePageDraft(string Line, string Heading, string Text, string ImagePrompt);

/// <summary>The post is written from the outline as it stands (the creator may have edited it).</summary>
public sealed record NotePostContext(NoteBrief Brief, string Hook, IReadOnlyList<string> Lines);

/// <summary>The post: a title (≤ 20 characters), a body (≤ 1000) and hashtags (without '#').</summary>
public sealed record NotePostDraft(string Title, string Body, IReadOnlyList<string> Hashtags);
