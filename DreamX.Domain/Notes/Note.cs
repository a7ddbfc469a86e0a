using DreamX.Domain.Canvas;

namespace DreamX.Domain.Notes;

/// <summary>
/// An image-text note's outline (小红书图文笔记): the cover's hook and one line per page. Its pages are made from it,
/// the cover first (page 0), then the content pages 1..N.
/// </summary>
public sealed class Note : CanvasNode
{
    public override NodeKind Kind => NodeKind.NoteOutline;

    /// <summary>The cover's hook: the line that makes a reader stop scrolling.</summary>
    public string Hook { get; set; } = "";

    /// <summary>The cover's page (number 0) and the content pages, in order.</summary>
    public List<NotePage> Pages { get; set; } = [];
}

/// <summary>
/// One picture of a note, 3:4 (1080×1440): a heading and a short text laid out over a generated picture.
/// Number 0 is the cover.
/// </summary>
public sealed class NotePage : CanvasNode
{
    public override NodeKind Kind => NodeKind.NotePage;

    public Guid NoteId { get; set; }
    public int Number { get; set; }

    /// <summary>The page's line in the outline (what it says, in one sentence).</summary>
    public string Line { get; set; } = "";

    /// <summary>The title line drawn on the picture.</summary>
    public string Heading { get; set; } = "";

    /// <summary>The short text drawn under the heading.</summary>
    public string Text { get; set; } = "";

    /// <summary>What the picture behind the text shows (the image provider's prompt).</summary>
    public string ImagePrompt { get; set; } = "";

    /// <summary>The finished page (JPEG, text laid out), once made.</summary>
    public string? ImageKey { get; set; }

    public bool IsCover => Number == 0;
}

/// <summary>The note's post: its title (≤ 20 characters), body (≤ 1000) and hashtags.</summary>
public sealed class NotePost : CanvasNode
{
    public override NodeKind Kind => NodeKind.NotePost;

    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public List<string> Hashtags { get; set; } = [];
}

/// <summary>The record of a page's content kept in each of its versions.</summary>
public sealed record NotePageSnapshot(int Number, string Line, string Heading, string Text, string ImagePrompt, string? ImageKey)
{
    public static NotePageSnapshot Of(NotePage page) => new(page.Number, page.Line, page.Heading, page.Text, page.ImagePrompt, page.ImageKey);
}

/// <summary>The record of an outline's content kept in each of its versions.</summary>
public sealed record NoteOutlineSnapshot(string Hook, IReadOnlyList<string> Lines)
{
    public static NoteOutlineSnapshot Of(Note note) =>
        new(note.Hook, note.Pages.Where(p => !p.IsCover).OrderBy(p => p.Number).Select(p => p.Line).ToList());
}

/// <summary>The record of a post's content kept in each of its versions.</summary>
public sealed record NotePostSnapshot(string Title, string Body, IReadOnlyList<string> Hashtags)
{
    public static NotePostSnapshot Of(NotePost post) => new(post.Title, post.Body, post.Hashtags);
}
