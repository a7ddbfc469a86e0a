using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;

namespace DreamX.Infrastructure.Canvas;

/// <summary>Everything a project's canvas shows, as stored: the project with its checkpoint and every stage's content.</summary>
public sealed record ProjectGraph(
    Project Project,
    StoryBible? StoryBible,
    IReadOnlyList<Character> Characters,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<Composition> Compositions);
