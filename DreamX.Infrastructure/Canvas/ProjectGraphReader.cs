using DreamX.Domain.Common;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Canvas;

/// <summary>Reads a project graph in one go for anyone who may read it (<see cref="ProjectAccess"/>); anyone else gets <see cref="ProjectLibrary.NotFound"/>.</summary>
public sealed class ProjectGraphReader(IDbContextFactory<DreamXDbContext> contexts)
{
    public async Task<Result<ProjectGraph>> ReadAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Owner, member (viewer or editor) or admin: ProjectAccess decides.
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<ProjectGraph>(access.Error!);
        var project = await db.Projects.AsNoTracking().Include(p => p.Checkpoint)
            .FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
            return Result.Failure<ProjectGraph>(ProjectLibrary.NotFound);

        var bible = await db.StoryBibles.AsNoTracking().FirstOrDefaultAsync(b => b.ProjectId == projectId, ct);
        var characters = await db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.ProjectId == projectId)
            .Include(e => e.Scenes).ThenInclude(s => s.Shots)
            .AsSplitQuery()
            .OrderBy(e => e.Number).ToListAsync(ct);
        foreach (var episode in episodes)
        {
            episode.Scenes = episode.Scenes.OrderBy(s => s.Number).ToList();
            foreach (var scene in episode.Scenes)
                scene.Shots = scene.Shots.OrderBy(s => s.Order).ToList();
        }
        var compositions = await db.Compositions.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Include(c => c.Renders).ToListAsync(ct);
        var failures = await TaskFailures.ReadAsync(db, projectId, ct);
        var makers = await TaskMakers.ReadAsync(db, projectId, ct);
        Domain.Notes.Note? note = null;
        Domain.Notes.NotePost? post = null;
        if (project.Type == Domain.Projects.ProjectType.RedbookNote)
        {
            note = await db.Notes.AsNoTracking().Include(n => n.Pages).FirstOrDefaultAsync(n => n.ProjectId == projectId, ct);
            if (note is not null)
                note.Pages = note.Pages.OrderBy(p => p.Number).ToList();
            post = await db.NotePosts.AsNoTracking().FirstOrDefaultAsync(p => p.ProjectId == projectId, ct);
        }
        var songMap = project.Type == Domain.Projects.ProjectType.MusicMv
            ? await db.SongMaps.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == projectId, ct)
            : null;
        return new ProjectGraph(project, bible, characters, episodes, compositions, failures, makers, note, post, songMap);
    }
}
