using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Generation;

namespace DreamX.Infrastructure.Canvas;

/// <summary>
/// Everything a project's canvas shows, as stored: the project with its checkpoint and every stage's content, and the
/// work whose latest task failed (a failed cast or shot list has no node of its own: it shows on the node it starts from),
/// and who made each current result (<paramref name="Makers"/>, by the item the work was for). An image-text note has its
/// <paramref name="Note"/> (outline and pages, in page order) and <paramref name="Post"/> instead of a drama's stages; a
/// music video has its <paramref name="SongMap"/> where a drama has its scripts.
/// </summary>
public sealed record ProjectGraph(
    Project Project,
    StoryBible? StoryBible,
    IReadOnlyList<Character> Characters,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<Composition> Compositions,
    IReadOnlyList<TaskFailure> Failures,
    IReadOnlyList<TaskMaker>? Makers = null,
    Domain.Notes.Note? Note = null,
    Domain.Notes.NotePost? Post = null,
    Domain.MusicVideos.SongMap? SongMap = null);
