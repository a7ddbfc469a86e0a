using DreamX.Domain.Canvas;
using DreamX.Domain.Common;
using DreamX.Domain.MusicVideos;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production.Steps;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// Hand edits of a music video's song map: each section's look (what its pictures show) and its lyric lines (words and
/// times, inside the section). The section times are the song's and stay. An edit is a new version marked as the
/// creator's; a section whose look changed sends its scene's shots stale (they were cut and drawn for the old look), and
/// changed lyrics send the compose stale (they are its subtitles). Refusals are <see cref="SongMapRules"/> codes with the
/// section and line they are about; nothing is saved then.
/// </summary>
public sealed class SongMapEdits(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const string NotFound = NodeEdits.NotFound;

    /// <returns>Success, or the first broken rule (its arguments in <paramref name="error"/> when asked for).</returns>
    public async Task<Result> EditAsync(string userId, Guid projectId, IReadOnlyList<SongMapSectionEdit> sections, CancellationToken ct = default)
    {
        var (result, _) = await EditWithErrorAsync(userId, projectId, sections, ct);
        return result;
    }

    /// <summary>As <see cref="EditAsync"/>, with the broken rule's field and arguments for a form or the API.</summary>
    public async Task<(Result Result, ValidationError? Error)> EditWithErrorAsync(
        string userId, Guid projectId, IReadOnlyList<SongMapSectionEdit> sections, CancellationToken ct = default)
    {
        ValidationError? broken = null;
        var result = await NodeEdits.ApplyAsync(contexts, clock, userId, projectId, (db, graph) =>
        {
            if (graph.SongMap is not { CurrentVersion: > 0 } map)
                return Result.Failure(NotFound);
            if (SongMapRules.Validate(map, sections) is [var error, ..])
            {
                broken = error;
                return Result.Failure(error.Code);
            }
            var now = clock.GetUtcNow();
            var episode = graph.Episodes.OrderBy(e => e.Number).FirstOrDefault();
            var composition = episode is null ? null : graph.Compositions.FirstOrDefault(c => c.EpisodeId == episode.Id);
            var changed = false;
            var edited = new List<SongMapSection>();
            foreach (var section in map.Sections)
            {
                var edit = sections.First(s => s.Number == section.Number);
                var look = edit.Look.Trim();
                var lyrics = edit.Lyrics.OrderBy(l => l.Start)
                    .Select(l => new SongMapLyric(Math.Round(Math.Max(l.Start, section.Start), 3), Math.Round(Math.Min(l.End, map.DurationSeconds), 3), l.Text.Trim()))
                    .ToList();
                if (look != section.Look && episode?.Scenes.FirstOrDefault(s => s.Number == section.Number) is { } scene)
                    StaleMarks.AfterSceneChanged(graph, scene);
                if (!lyrics.SequenceEqual(section.Lyrics))
                    composition?.MarkStale();
                changed |= look != section.Look || !lyrics.SequenceEqual(section.Lyrics);
                edited.Add(section with { Look = look, Lyrics = lyrics });
            }
            if (!changed)
                return Result.Success();
            map.Sections = edited;
            map.State = NodeState.Ready;
            map.LastError = null;
            NodeVersions.Append(db, map, SongMapSnapshot.Of(map), NodeVersionSource.HandEdit, null, userId, now);
            if (episode is not null)
                MusicVideoScenes.Sync(db, graph, map, now);
            return Result.Success();
        }, ct);
        return (result, broken);
    }
}
