namespace DreamX.Domain.Generation.Stages;

// The translation of an episode's spoken lines into another language (a language version of the episode).

/// <summary>One line to translate: its number in the request, who says it (a character key, null for narration) and the text.</summary>
public sealed record TranslateLineInput(int Index, string? Speaker, string Emotion, string Text);

/// <summary>A character's name, so a translator keeps names as they are and knows who speaks.</summary>
public sealed record TranslateCastMember(string Key, string Name, string Gender);

/// <summary>
/// What a translator is given: the source and target languages, the story's genre (the built-in writer finds its own
/// templates by it), the cast and the lines in order. The lines are spoken over shots of a fixed length: a translation
/// should be about as long to say as the original.
/// </summary>
public sealed record TranslateScriptContext(
    string From,
    string To,
    string Genre,
    IReadOnlyList<TranslateCastMember> Cast,
    IReadOnlyList<TranslateLineInput> Lines);

/// <summary>
/// The translation: one entry per line it translated, by the request's index. A line it cannot translate is left out
/// and named in <see cref="Untranslated"/> (the creator writes it by hand).
/// </summary>
public sealed record TranslationDraft(IReadOnlyList<TranslatedLineDraft> Lines, IReadOnlyList<int> Untranslated);

public sealed record TranslatedLineDraft(int Index, string Text);
