using System.Globalization;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using Blazor.Diagrams.Core.Geometry;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using Graph = DreamX.Infrastructure.Canvas.ProjectGraph;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>
/// Turns a stored project into canvas nodes and "made from" links along the spine
/// checkpoint → story bible → characters → script → scenes → segments → compose, one node per item.
/// Node ids are stable keys ("scene:{id}") so saved placements find their node again.
/// </summary>
public static class ProjectGraphMapper
{
    public const string CheckpointKey = "checkpoint";
    public const string StoryBibleKey = "story-bible";

    public static string CharacterKey(Guid id) => $"character:{id}";
    public static string ScriptKey(Guid episodeId) => $"script:{episodeId}";
    public static string SceneKey(Guid id) => $"scene:{id}";
    public static string SegmentKey(Guid id) => $"segment:{id}";
    public static string ComposeKey(Guid episodeId) => $"compose:{episodeId}";
    public const string NoteOutlineKey = "note-outline";
    public const string NotePostKey = "note-post";
    public const string NoteExportKey = "note-export";
    public static string NotePageKey(Guid id) => $"note-page:{id}";
    public const string SongMapKey = "song-map";

    /// <summary>A diagram of the project; nodes with a saved placement get it, the others are left without a position.</summary>
    /// <param name="words">Shot types and camera moves in the reader's language (by default their names).</param>
    public static Diagram ToDiagram(Graph graph, IReadOnlyDictionary<string, CanvasNodePlacement>? placements = null, Func<Enum, string>? words = null)
    {
        var diagram = new Diagram();
        diagram.Load(() => Fill(diagram, graph, words ?? (value => value.ToString())));
        if (placements is not null)
            ApplyPlacements(diagram, placements);
        return diagram;
    }

    private static string MinutesSeconds(int seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");

    private static void Fill(Diagram diagram, Graph graph, Func<Enum, string> words)
    {
        var project = graph.Project;
        var failures = graph.Failures.ToLookup(f => f.TargetId);
        var makers = (graph.Makers ?? []).ToLookup(m => m.TargetId);
        var isNote = project.Type == Domain.Projects.ProjectType.RedbookNote;
        var checkpoint = diagram.Nodes.Add(Node(CheckpointKey, project.Title,
            new ProjectNodeData(NodeKind.Checkpoint, project.Checkpoint, Excerpt(project.Checkpoint.Idea),
                Facts: isNote
                    ? [new("Fact.Pages", project.Checkpoint.NotePageCount.ToString(CultureInfo.InvariantCulture))]
                    : project.Checkpoint.SongName is { } song && project.Type == Domain.Projects.ProjectType.MusicMv
                        // A music video: its song and how long the video runs (the song or its excerpt).
                        ? [new("Fact.Song", song), new("Fact.VideoLength", MinutesSeconds(project.Checkpoint.EpisodeDurationSeconds))]
                        : [new("Fact.Episodes", project.Checkpoint.EpisodeCount.ToString(CultureInfo.InvariantCulture))],
                Failures: FailuresOf(failures[project.Checkpoint.Id])) { Makers = MakersOf(makers[project.Checkpoint.Id]), IsNote = isNote }));
        if (isNote)
        {
            AddNote(diagram, graph, checkpoint, failures, makers);
            return;
        }

        var isMusicVideo = project.Type == Domain.Projects.ProjectType.MusicMv;
        var bibleEntity = graph.StoryBible;
        var bible = diagram.Nodes.Add(Node(StoryBibleKey, bibleEntity?.Genre ?? "",
            new ProjectNodeData(NodeKind.StoryBible, bibleEntity, Excerpt(bibleEntity?.Logline ?? ""),
                Facts: bibleEntity is null ? [] : [new("Fact.Tone", bibleEntity.Tone), new("Fact.Episodes", bibleEntity.EpisodePlan.Count.ToString(CultureInfo.InvariantCulture))],
                // The cast is made for the whole project: a failed cast has no node of its own and shows on the bible.
                Failures: FailuresOf(bibleEntity is null ? failures[project.Id] : failures[bibleEntity.Id].Concat(failures[project.Id]), bibleEntity, ProductionStep.StoryBible))
            {
                Makers = bibleEntity is null ? [] : MakersOf(makers[bibleEntity.Id]),
                IsMusicVideo = isMusicVideo,
            }));
        diagram.Connect(checkpoint, bible);

        var characters = graph.Characters.Select(character =>
        {
            var node = diagram.Nodes.Add(Node(CharacterKey(character.Id), character.Name,
                new ProjectNodeData(NodeKind.Character, character, Excerpt(character.Occupation.Length > 0 ? character.Occupation : character.Bio),
                    character.PortraitKey,
                    [new("Fact.Level", character.Level.ToString()), new("Fact.Appearance", Excerpt(character.Appearance))],
                    FailuresOf(failures[character.Id], character, ProductionStep.Portraits))
                {
                    // The cast is written for the whole project; the portrait is the character's own.
                    Makers = MakersOf(makers[project.Id].Where(m => m.Type == GenerationTaskType.Characters).Concat(makers[character.Id])),
                }));
            diagram.Connect(bible, node);
            return node;
        }).ToList();

        var compositions = graph.Compositions.ToDictionary(c => c.EpisodeId);
        var planned = project.Checkpoint.EpisodeDurationSeconds;
        if (isMusicVideo)
        {
            // A music video: the song map stands where the script is, and its scenes (one per section) hang from it.
            var songMap = AddSongMap(diagram, graph, bible, characters, failures, makers);
            foreach (var episode in graph.Episodes.Take(1))
                AddEpisode(diagram, episode, bible, characters, compositions.GetValueOrDefault(episode.Id), failures, makers, planned, project.Checkpoint.Language,
                    words, songMap, project.Title);
            return;
        }
        foreach (var episode in graph.Episodes)
            AddEpisode(diagram, episode, bible, characters, compositions.GetValueOrDefault(episode.Id), failures, makers, planned, project.Checkpoint.Language, words);
    }

    /// <summary>A music video's song map: its sections with their times, the tempo and the lyric lines.</summary>
    private static NodeModel AddSongMap(Diagram diagram, Graph graph, NodeModel bible, List<NodeModel> characters,
        ILookup<Guid, TaskFailure> failures, ILookup<Guid, TaskMaker> makers)
    {
        var map = graph.SongMap;
        var chinese = graph.Project.Checkpoint.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var node = diagram.Nodes.Add(Node(SongMapKey, graph.Project.Checkpoint.SongName ?? "",
            new ProjectNodeData(NodeKind.SongMap, map, Excerpt(string.Join(" · ", (map?.Sections ?? []).Select(s => s.Label(chinese)))),
                Facts: map is null ? [] :
                [
                    new("Fact.Tempo", map.Tempo.ToString("0", CultureInfo.InvariantCulture) + " BPM"),
                    new("Fact.Sections", map.Sections.Count.ToString(CultureInfo.InvariantCulture)),
                    new("Fact.Lyrics", map.Sections.Sum(s => s.Lyrics.Count).ToString(CultureInfo.InvariantCulture)),
                ],
                Failures: map is null ? [] : FailuresOf(failures[map.Id], map, ProductionStep.SongMap))
            {
                Makers = map is null ? [] : MakersOf(makers[map.Id]),
                IsMusicVideo = true,
            }));
        diagram.Connect(bible, node);
        foreach (var character in characters)
            diagram.Connect(character, node);
        return node;
    }

    private static void AddEpisode(Diagram diagram, Episode episode, NodeModel bible, List<NodeModel> characters, Composition? composition,
        ILookup<Guid, TaskFailure> failures, ILookup<Guid, TaskMaker> makers, int plannedSeconds, string language, Func<Enum, string> words,
        NodeModel? songMap = null, string? videoTitle = null)
    {
        var musicVideo = songMap is not null;
        var script = songMap ?? diagram.Nodes.Add(Node(ScriptKey(episode.Id), $"{episode.Number}. {episode.Title}",
            new ProjectNodeData(NodeKind.Script, episode, Excerpt(episode.Summary),
                Facts: [new("Fact.Scenes", episode.Scenes.Count.ToString(CultureInfo.InvariantCulture))],
                Failures: FailuresOf(failures[episode.Id], episode, ProductionStep.Scripts)) { Makers = MakersOf(makers[episode.Id]) }));
        if (!musicVideo)
        {
            diagram.Connect(bible, script);
            foreach (var character in characters)
                diagram.Connect(character, script);
        }

        var lastOfEpisode = new List<NodeModel>();
        foreach (var scene in episode.Scenes)
        {
            var sceneNode = diagram.Nodes.Add(Node(SceneKey(scene.Id), musicVideo ? $"{scene.Number}. {scene.Location}" : $"{scene.Number}. {scene.HeadingIn(language)}",
                new ProjectNodeData(NodeKind.Scene, scene, Excerpt(scene.Design?.Mood ?? string.Join(" ", scene.ActionLines)), scene.KeyArtKey,
                    musicVideo
                        ? [new("Fact.Shots", scene.Shots.Count.ToString(CultureInfo.InvariantCulture))]
                        : [new("Fact.Shots", scene.Shots.Count.ToString(CultureInfo.InvariantCulture)), new("Fact.Lines", scene.Lines.Count.ToString(CultureInfo.InvariantCulture))],
                    // A failed shot list leaves the scene's own design ready: the failure still shows on the scene.
                    FailuresOf(failures[scene.Id], scene, musicVideo ? ProductionStep.MusicVideoShots : ProductionStep.SceneDesigns))
                {
                    Makers = MakersOf(makers[scene.Id]),
                    IsMusicVideo = musicVideo,
                }));
            diagram.Connect(script, sceneNode);
            if (scene.Shots.Count == 0)
                lastOfEpisode.Add(sceneNode);
            foreach (var shot in scene.Shots)
            {
                var shotNode = diagram.Nodes.Add(Node(SegmentKey(shot.Id), $"#{shot.Order} · {words(shot.ShotType)}",
                    new ProjectNodeData(NodeKind.Segment, shot, Excerpt(shot.SpokenLine?.Text ?? shot.VisualPrompt), shot.ImageKey,
                        [
                            new("Fact.Duration", shot.EffectiveDurationSeconds().ToString("0.#", CultureInfo.InvariantCulture) + " s"),
                            new("Fact.Speaker", shot.SpokenLine?.CharacterKey ?? "—"),
                            new("Fact.Camera", words(shot.CameraMove)),
                        ],
                        FailuresOf(failures[shot.Id], shot, ProductionStep.ShotImages)) { Makers = MakersOf(makers[shot.Id]), IsMusicVideo = musicVideo }));
                diagram.Connect(sceneNode, shotNode);
                lastOfEpisode.Add(shotNode);
            }
        }
        if (lastOfEpisode.Count == 0)
            lastOfEpisode.Add(script);

        var render = composition?.Renders.OrderByDescending(r => r.Version).FirstOrDefault();
        // A music video's compose is the video itself, named as the project (its episode's drama title means nothing there).
        var compose = diagram.Nodes.Add(Node(ComposeKey(episode.Id), musicVideo ? videoTitle ?? episode.Title : episode.Title,
            new ProjectNodeData(NodeKind.Compose, composition, "", render?.CoverKey,
                render is null ? [] : [new("Fact.Duration", render.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s")],
                composition is null ? [] : FailuresOf(failures[composition.Id], composition, ProductionStep.ComposePreview))
            {
                PlannedSeconds = plannedSeconds,
                VoicedSeconds = VoicedSeconds(episode),
                IsMusicVideo = musicVideo,
            }));
        foreach (var source in lastOfEpisode)
            diagram.Connect(source, compose);
    }

    /// <summary>
    /// An image-text note's spine: checkpoint → outline → one node per page (the cover first) → post → export. The export
    /// node has no entity of its own: it is ready once every page has its picture and the post is written.
    /// </summary>
    private static void AddNote(Diagram diagram, Graph graph, NodeModel checkpoint, ILookup<Guid, TaskFailure> failures, ILookup<Guid, TaskMaker> makers)
    {
        var note = graph.Note;
        var pages = note?.Pages.OrderBy(p => p.Number).ToList() ?? [];
        var content = pages.Where(p => !p.IsCover).ToList();
        var outline = diagram.Nodes.Add(Node(NoteOutlineKey, note?.Hook ?? "",
            new ProjectNodeData(NodeKind.NoteOutline, note, Excerpt(string.Join(" · ", content.Select(p => p.Line))),
                Facts: note is null ? [] : [new("Fact.Pages", content.Count.ToString(CultureInfo.InvariantCulture))],
                Failures: note is null ? [] : FailuresOf(failures[note.Id], note, ProductionStep.NoteOutline))
            {
                Makers = note is null ? [] : MakersOf(makers[note.Id]),
            }));
        diagram.Connect(checkpoint, outline);

        var pageNodes = new List<NodeModel>();
        foreach (var page in pages)
        {
            var node = diagram.Nodes.Add(Node(NotePageKey(page.Id), page.Heading,
                new ProjectNodeData(NodeKind.NotePage, page, Excerpt(page.Text.Length > 0 ? page.Text : page.Line), page.ImageKey,
                    page.IsCover ? [] : [new("Fact.Page", $"{page.Number}/{content.Count}")],
                    FailuresOf(failures[page.Id], page, ProductionStep.NotePages)) { Makers = MakersOf(makers[page.Id]) }));
            diagram.Connect(outline, node);
            pageNodes.Add(node);
        }

        var post = graph.Post;
        var postNode = diagram.Nodes.Add(Node(NotePostKey, post?.Title ?? "",
            new ProjectNodeData(NodeKind.NotePost, post, Excerpt(post?.Body ?? ""),
                Facts: post is null ? [] : [new("Fact.Hashtags", string.Join(" ", post.Hashtags.Select(t => "#" + t)))],
                Failures: post is null ? [] : FailuresOf(failures[post.Id], post, ProductionStep.NotePost))
            {
                Makers = post is null ? [] : MakersOf(makers[post.Id]),
            }));
        diagram.Connect(outline, postNode);

        var ready = pages.Count > 0 && pages.All(p => p.ImageKey is not null) && post is { CurrentVersion: > 0 };
        var export = diagram.Nodes.Add(Node(NoteExportKey, graph.Project.Title,
            new ProjectNodeData(NodeKind.NoteExport, null, "", pages.FirstOrDefault()?.ImageKey,
                [new("Fact.Pages", pages.Count(p => p.ImageKey is not null).ToString(CultureInfo.InvariantCulture) + "/" + pages.Count.ToString(CultureInfo.InvariantCulture))])
            {
                ShownState = ready ? NodeState.Ready : NodeState.Empty,
                NotePages = pages,
                NotePost = post,
            }));
        foreach (var node in pageNodes)
            diagram.Connect(node, export);
        diagram.Connect(postNode, export);
    }

    /// <summary>The episode's length from its shots once every line is voiced (a shot lasts at least its line), else null.</summary>
    private static decimal? VoicedSeconds(Episode episode)
    {
        var shots = episode.Scenes.SelectMany(s => s.Shots).ToList();
        var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
        return spoken.Count == 0 || spoken.Any(s => s.AudioDurationSeconds is null) ? null : shots.Sum(s => s.EffectiveDurationSeconds());
    }

    /// <summary>Who made a node's results, in the pipeline's order (text before picture before voice).</summary>
    private static List<NodeMaker> MakersOf(IEnumerable<TaskMaker> makers) =>
        makers.OrderBy(m => m.Type).Select(m => new NodeMaker(m.Type, m.Provider, m.Model, m.Fallback)).ToList();

    /// <summary>A node of the kind's own type and fixed size (<see cref="CardSizes"/>), not yet placed.</summary>
    private static NodeModel Node(string key, string title, ProjectNodeData data)
    {
        var node = ProjectNode.Create(key, data);
        node.Title = title;
        node.Kind = ProjectNodeKinds.Of(data.Kind);
        node.State = ProjectNodeKinds.StateName(ShownState(data));
        node.Data = data;
        node.HasPosition = false;
        return node;
    }

    /// <summary>The compose card holds the episode's player and downloads once there is a render.</summary>
    public static Size ComposeSize(ProjectNodeData data) => CardSizes.Of(data);

    /// <summary>Failed work started from a node (a cast, a shot list) marks the node failed unless newer work runs.</summary>
    private static NodeState ShownState(ProjectNodeData data) =>
        data.FailureList.Count > 0 && data.State is not (NodeState.Running or NodeState.Queued) ? NodeState.Failed : data.State;

    /// <summary>The failed work of a node; a node marked failed with no failed task left (older data) keeps its own reason.</summary>
    private static List<NodeFailure> FailuresOf(IEnumerable<TaskFailure> failed, CanvasNode? entity = null, ProductionStep ownStep = ProductionStep.StoryBible)
    {
        var list = failed.Select(f => new NodeFailure(f.Type, f.Reason, TaskSteps.StepOf(f.Type), TaskSteps.IsWholeProject(f.Type) ? null : f.TargetId)).ToList();
        if (list.Count == 0 && entity is { State: NodeState.Failed })
            list.Add(new NodeFailure(WorkOf(ownStep), TaskFailureReasons.Classify(entity.LastError), ownStep, ownStep == ProductionStep.StoryBible ? null : entity.Id));
        return list;
    }

    private static GenerationTaskType WorkOf(ProductionStep step) => step switch
    {
        ProductionStep.Portraits => GenerationTaskType.CharacterPortrait,
        ProductionStep.Scripts => GenerationTaskType.Script,
        ProductionStep.SceneDesigns => GenerationTaskType.SceneDesign,
        ProductionStep.ShotLists => GenerationTaskType.ShotList,
        ProductionStep.ShotImages => GenerationTaskType.ShotImage,
        ProductionStep.ShotAudio => GenerationTaskType.ShotAudio,
        ProductionStep.ComposePreview => GenerationTaskType.ComposePreview,
        ProductionStep.ComposeFinal => GenerationTaskType.ComposeFinal,
        ProductionStep.ShotVideos => GenerationTaskType.ShotVideo,
        ProductionStep.Characters => GenerationTaskType.Characters,
        ProductionStep.NoteOutline => GenerationTaskType.NoteOutline,
        ProductionStep.NotePages => GenerationTaskType.NotePage,
        ProductionStep.NotePost => GenerationTaskType.NotePost,
        ProductionStep.SongMap => GenerationTaskType.SongMap,
        ProductionStep.MusicVideoShots => GenerationTaskType.MusicVideoShots,
        _ => GenerationTaskType.StoryBible,
    };

    private static void ApplyPlacements(Diagram diagram, IReadOnlyDictionary<string, CanvasNodePlacement> placements)
    {
        diagram.Batch(() =>
        {
            foreach (var node in diagram.Nodes)
            {
                if (!placements.TryGetValue(node.Id, out var placement))
                    continue;
                node.SetPosition(placement.X, placement.Y);
                node.HasPosition = true;
                if (placement.Collapsed)
                    diagram.SetCollapsed(node, true);
            }
        });
    }

    private static string Excerpt(string text, int length = 90)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > length ? line[..length].TrimEnd() + "…" : line;
    }
}
