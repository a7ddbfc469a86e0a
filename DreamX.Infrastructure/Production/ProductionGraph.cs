using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>Everything made for one project so far, loaded in one go (tracked, so a caller can change and save it).</summary>
public sealed class ProductionGraph
{
    public required Project Project { get; init; }
    public VisualStyle? Style { get; init; }
    public StoryBible? Bible { get; init; }
    public required List<Character> Characters { get; init; }
    public required List<Episode> Episodes { get; init; }
    public required List<Composition> Compositions { get; init; }

    /// <summary>An image-text note's outline with its pages (null until the outline is asked for, and for dramas).</summary>
    public Domain.Notes.Note? Note { get; init; }

    /// <summary>An image-text note's post (null until it is asked for).</summary>
    public Domain.Notes.NotePost? Post { get; init; }

    /// <summary>A music video's song map (null until it is asked for, and for other types).</summary>
    public Domain.MusicVideos.SongMap? SongMap { get; init; }

    /// <summary>Work whose latest task failed; read only for views that show failures (<see cref="StageProduction.LoadAsync"/>).</summary>
    public IReadOnlyList<Generation.TaskFailure> Failures { get; init; } = [];

    /// <summary>Who made each current result; read with <see cref="Failures"/>.</summary>
    public IReadOnlyList<Generation.TaskMaker> Makers { get; init; } = [];

    public Checkpoint Checkpoint => Project.Checkpoint;

    public IEnumerable<Scene> Scenes => Episodes.OrderBy(e => e.Number).SelectMany(e => e.Scenes.OrderBy(s => s.Number));

    public IEnumerable<Shot> Shots => Scenes.SelectMany(s => s.Shots.OrderBy(x => x.Order));

    public Episode EpisodeOf(Scene scene) => Episodes.First(e => e.Id == scene.EpisodeId);

    public Scene SceneOf(Shot shot) => Scenes.First(s => s.Id == shot.SceneId);

    public static async Task<ProductionGraph?> LoadAsync(DreamXDbContext db, Guid projectId, string? ownerId, CancellationToken ct)
    {
        var project = await db.Projects.Include(p => p.Checkpoint)
            .FirstOrDefaultAsync(p => p.Id == projectId && (ownerId == null || p.OwnerId == ownerId), ct);
        if (project is null)
            return null;

        var style = project.Checkpoint.VisualStyleId is { } styleId
            ? await db.VisualStyles.FirstOrDefaultAsync(s => s.Id == styleId, ct)
            : null;
        return new ProductionGraph
        {
            Project = project,
            Style = style,
            Bible = await db.StoryBibles.FirstOrDefaultAsync(b => b.ProjectId == projectId, ct),
            Characters = await db.Characters.Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).ToListAsync(ct),
            Episodes = await db.Episodes.Where(e => e.ProjectId == projectId)
                .Include(e => e.Scenes).ThenInclude(s => s.Shots)
                .OrderBy(e => e.Number).AsSplitQuery().ToListAsync(ct),
            Compositions = await db.Compositions.Where(c => c.ProjectId == projectId).Include(c => c.Renders).ToListAsync(ct),
            Note = project.Type == ProjectType.RedbookNote
                ? await db.Notes.Include(n => n.Pages).FirstOrDefaultAsync(n => n.ProjectId == projectId, ct)
                : null,
            Post = project.Type == ProjectType.RedbookNote
                ? await db.NotePosts.FirstOrDefaultAsync(n => n.ProjectId == projectId, ct)
                : null,
            SongMap = project.Type == ProjectType.MusicMv
                ? await db.SongMaps.FirstOrDefaultAsync(m => m.ProjectId == projectId, ct)
                : null,
        };
    }
}
