using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;

namespace DreamX.Tests.Support;

/// <summary>
/// A project with generated content in every stage, written straight to the database (no generator needed):
/// for canvas tests and the canvas benchmark. States vary so every badge shows.
/// </summary>
public static class SampleProjectGraph
{
    private static readonly NodeState[] States =
        [NodeState.Ready, NodeState.Ready, NodeState.Ready, NodeState.Running, NodeState.Stale, NodeState.Queued, NodeState.Failed, NodeState.Empty];

    public static ProjectGraph Build(string ownerId, int characters = 2, int episodes = 1, int scenesPerEpisode = 2, int shotsPerScene = 2,
        string title = "The Night Shift")
    {
        var project = Project.Create(ownerId, new CheckpointInput
        {
            Title = title,
            Type = episodes > 1 ? ProjectType.MultiEpisodes : ProjectType.SingleEpisode,
            Language = DreamX.Domain.Common.StoryLanguage.English,
            EpisodeCount = episodes,
            EpisodeDurationSeconds = 60,
            Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone in the city is hunting for.",
        });
        var bible = new StoryBible
        {
            ProjectId = project.Id, State = NodeState.Ready, CurrentVersion = 1, Genre = "Thriller", Tone = "Tense",
            Logline = "A nurse hides a hunted heir in her ward for one long night.",
        };
        var cast = Enumerable.Range(1, characters).Select(i => new Character
        {
            ProjectId = project.Id, State = i % 3 == 0 ? NodeState.Stale : NodeState.Ready, CurrentVersion = 1,
            Key = $"c{i}", Name = i == 1 ? "Lin Xia" : $"Character {i}", Occupation = i == 1 ? "Night-shift nurse" : "Stranger",
            Appearance = "Short black hair, tired eyes, navy scrubs.", SortOrder = i,
        }).ToList();

        var counter = 0;
        var eps = Enumerable.Range(1, episodes).Select(e =>
        {
            var episode = new Episode { ProjectId = project.Id, Number = e, Title = $"Episode {e}", Summary = "The night begins.", State = NodeState.Ready, CurrentVersion = 1 };
            episode.Scenes = Enumerable.Range(1, scenesPerEpisode).Select(s =>
            {
                var scene = new Scene
                {
                    ProjectId = project.Id, EpisodeId = episode.Id, Number = s, Location = s % 2 == 0 ? "HOSPITAL ROOF" : "WARD 7",
                    TimeOfDay = TimeOfDay.Night, State = NodeState.Ready, CurrentVersion = 1, ActionLines = ["Rain against the windows."],
                };
                scene.Shots = Enumerable.Range(1, shotsPerScene).Select(o =>
                {
                    var state = States[counter++ % States.Length];
                    return new Shot
                    {
                        ProjectId = project.Id, SceneId = scene.Id, Order = o, ShotType = (ShotType)(o % 7), State = state,
                        CurrentVersion = state == NodeState.Empty ? 0 : 1, DurationSeconds = 3,
                        LastError = state == NodeState.Failed ? "The illustrator timed out." : null,
                        SpokenLine = new ScriptLine(ScriptLineKind.Dialogue, cast.FirstOrDefault()?.Key, "Who are you running from?", "worried"),
                        VisualPrompt = "Close on the nurse's face.",
                    };
                }).ToList();
                return scene;
            }).ToList();
            return episode;
        }).ToList();
        var compositions = eps.Select(e => new Composition { ProjectId = project.Id, EpisodeId = e.Id }).ToList();
        return new ProjectGraph(project, bible, cast, eps, compositions, []);
    }

    /// <summary>The number of nodes the canvas shows for a graph built with these counts.</summary>
    public static int NodeCount(int characters, int episodes, int scenesPerEpisode, int shotsPerScene) =>
        2 + characters + episodes * (2 + scenesPerEpisode * (1 + shotsPerScene));

    /// <summary>Saves the graph and, first, an account for its owner (whose id is the one the graph was built for).</summary>
    public static async Task SaveWithOwnerAsync(DreamXDbContext db, ProjectGraph graph, CancellationToken ct = default)
    {
        var owner = graph.Project.OwnerId;
        db.Users.Add(new ApplicationUser { Id = owner, UserName = $"{owner}@example.com", Email = $"{owner}@example.com" });
        await db.SaveChangesAsync(ct);
        await SaveAsync(db, graph, ct);
    }

    public static async Task SaveAsync(DreamXDbContext db, ProjectGraph graph, CancellationToken ct = default)
    {
        db.Projects.Add(graph.Project);
        if (graph.StoryBible is not null)
            db.StoryBibles.Add(graph.StoryBible);
        db.Characters.AddRange(graph.Characters);
        db.Episodes.AddRange(graph.Episodes);
        db.Compositions.AddRange(graph.Compositions);
        await db.SaveChangesAsync(ct);
    }
}
