using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production.Steps;
using DreamX.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>One task to queue, with its node so the caller can skip nodes already being worked on.</summary>
public sealed record PlannedTask(GenerationTaskType Type, NodeKind Kind, Guid TargetId, string InputJson)
{
    /// <summary>Units of the type's price (seconds of clip for a video).</summary>
    public int PriceUnits { get; init; } = 1;
}

/// <summary>
/// Builds the tasks of a production step from the project as it is now: the stage context (or media request) of every
/// item becomes the task's inputs, so the result cache can answer a repeat and an edit upstream changes the hash.
/// </summary>
public sealed class ProductionRequests(DreamXDbContext db)
{
    // Read once per planner: one planner prices every node of a canvas (hundreds of plans), and none outlives its request.
    private List<Domain.Assets.Voice>? _voices;
    private Dictionary<Guid, int>? _takes;
    private List<Domain.Assets.MusicTrack>? _library;
    private readonly Dictionary<string, int> _resolutions = [];
    private readonly Dictionary<GenerationTaskType, List<Domain.Generation.PromptTemplate>> _templates = [];

    public const string NeedsBible = "production.needs_bible";
    public const string NeedsCharacters = "production.needs_characters";
    public const string NeedsScript = "production.needs_script";
    public const string NeedsScenes = "production.needs_scenes";
    public const string NeedsShots = "production.needs_shots";
    public const string NothingToSpeak = "production.nothing_to_speak";
    public const string NeedsImages = "production.needs_images";
    public const string LookLocked = "production.look_locked";
    public const string NeedsOutline = "production.needs_outline";
    public const string NotANote = "production.not_a_note";
    public const string OnlyForDramas = "production.only_for_dramas";
    public const string NotAMusicVideo = "production.not_a_music_video";
    public const string NotForMusicVideos = "production.not_for_music_videos";
    public const string NeedsSongMap = "production.needs_song_map";
    public const string TranslationNotVoiced = "production.translation_not_voiced";
    public const string TranslationIncomplete = "production.translation_incomplete";

    /// <returns>The tasks, or the reason the step cannot run yet.</returns>
    public async Task<(IReadOnlyList<PlannedTask> Tasks, string? Blocker)> PlanAsync(
        ProductionGraph graph, ProductionStep step, Guid? onlyNodeId, CancellationToken ct)
    {
        var checkpoint = StoryCheckpoint.From(graph.Checkpoint, graph.Project.Title, graph.Project.Type, graph.Style);
        var language = graph.Checkpoint.Language;
        // A note has its own spine (outline → pages → post); a drama's stages do not apply to it, nor a note's to a drama.
        var noteStep = step is ProductionStep.NoteOutline or ProductionStep.NotePages or ProductionStep.NotePost;
        var isNote = graph.Project.Type == ProjectType.RedbookNote;
        if (noteStep != isNote)
            return ([], isNote ? OnlyForDramas : NotANote);
        // A music video's song map and beat-cut shots replace the script, the scene designs and the shot lists; no voices.
        var isMusicVideo = graph.Project.Type == ProjectType.MusicMv;
        if (step is ProductionStep.SongMap or ProductionStep.MusicVideoShots && !isMusicVideo)
            return ([], NotAMusicVideo);
        // "Improve my idea" writes a drama's brief (protagonist, conflict, stakes): a song's mood is not one.
        if (isMusicVideo && step is ProductionStep.ImproveIdea or ProductionStep.Scripts or ProductionStep.SceneDesigns or ProductionStep.ShotLists
                or ProductionStep.ShotAudio or ProductionStep.ShotVideos)
            return ([], NotForMusicVideos);
        switch (step)
        {
            case ProductionStep.NoteOutline:
            {
                var note = graph.Note ?? AddNote(graph);
                var context = new NoteOutlineContext(NoteBriefOf(graph));
                return ([await TextAsync(GenerationTaskType.NoteOutline, NodeKind.NoteOutline, note.Id, context, language, null, ct)], null);
            }

            case ProductionStep.NotePages:
            {
                if (!HasContent(graph.Note) || graph.Note!.Pages.Count == 0)
                    return ([], NeedsOutline);
                var note = graph.Note!;
                var brief = NoteBriefOf(graph);
                var tasks = note.Pages.Where(p => onlyNodeId is null || onlyNodeId == note.Id || p.Id == onlyNodeId)
                    .OrderBy(p => p.Number)
                    .Select(p => Media(GenerationTaskType.NotePage, NodeKind.NotePage, p.Id, NotePageInputFor(graph, note, p, brief)))
                    .ToList();
                return (tasks, null);
            }

            case ProductionStep.NotePost:
            {
                if (!HasContent(graph.Note) || graph.Note!.Pages.Count == 0)
                    return ([], NeedsOutline);
                var post = graph.Post ?? AddPost(graph);
                var lines = graph.Note!.Pages.Where(p => !p.IsCover).OrderBy(p => p.Number).Select(p => p.Line).ToList();
                var context = new NotePostContext(NoteBriefOf(graph), graph.Note.Hook, lines);
                return ([await TextAsync(GenerationTaskType.NotePost, NodeKind.NotePost, post.Id, context, language, null, ct)], null);
            }

            case ProductionStep.SongMap:
            {
                if (!HasContent(graph.Bible))
                    return ([], NeedsBible);
                var song = MusicVideos.VideoSong.Of(graph.Checkpoint);
                if (song is null)
                    return ([], Domain.MusicVideos.SongRules.SongRequired);
                var map = graph.SongMap ?? AddSongMap(graph);
                var input = new SongMapInput(song.Analysis, graph.Checkpoint.Lyrics, song.Start, song.Duration, ConceptOf(graph), language);
                return ([Media(GenerationTaskType.SongMap, NodeKind.SongMap, map.Id, input)], null);
            }

            case ProductionStep.MusicVideoShots:
            {
                if (!HasContent(graph.SongMap) || !graph.Scenes.Any())
                    return ([], NeedsSongMap);
                var song = MusicVideos.VideoSong.Of(graph.Checkpoint);
                if (song is null)
                    return ([], Domain.MusicVideos.SongRules.SongRequired);
                var performer = graph.Characters.OrderBy(c => c.SortOrder).FirstOrDefault()?.Key;
                var tasks = new List<PlannedTask>();
                foreach (var scene in graph.Scenes.Where(s => onlyNodeId is null || onlyNodeId == graph.SongMap!.Id || s.Id == onlyNodeId))
                {
                    if (graph.SongMap!.Sections.FirstOrDefault(x => x.Number == scene.Number) is not { } section)
                        continue;
                    var beats = song.Analysis.Beats.Where(b => b > section.Start - 1e-3 && b < section.End + 1e-3).Select(b => Math.Round(b, 4)).ToList();
                    var input = new MusicVideoShotsInput(section, beats, song.Analysis.BeatPeriod, language, performer);
                    tasks.Add(Media(GenerationTaskType.MusicVideoShots, NodeKind.Scene, scene.Id, input));
                }
                return (tasks, tasks.Count == 0 ? NeedsSongMap : null);
            }

            case ProductionStep.ImproveIdea:
                return ([await TextAsync(GenerationTaskType.ImproveIdea, NodeKind.Checkpoint, graph.Checkpoint.Id, new ImproveIdeaContext(checkpoint), language, null, ct)], null);

            case ProductionStep.StoryBible:
            {
                var bible = graph.Bible ?? AddBible(graph);
                var brief = graph.Checkpoint.ImprovedBriefJson is { } json ? StageJson.Deserialize<IdeaBrief>(json) : null;
                // A music video's bible is its visual concept, written for the song (asked with the music-video prompt).
                var song = isMusicVideo ? SongBriefOf(graph) : null;
                var context = new StoryBibleContext(checkpoint, brief is { IsSuccess: true } ? brief.Value : null, song);
                var genre = isMusicVideo ? StagePrompts.MusicVideoGenre : graph.Checkpoint.Genre;
                return ([await TextAsync(GenerationTaskType.StoryBible, NodeKind.StoryBible, bible.Id, context, language, genre, ct)], null);
            }

            case ProductionStep.Characters:
            {
                if (!HasContent(graph.Bible))
                    return ([], NeedsBible);
                var context = new CharactersContext(checkpoint, graph.Bible!.ToDraft(graph.Project.Title));
                return ([await TextAsync(GenerationTaskType.Characters, NodeKind.Character, graph.Project.Id, context, language, graph.Bible!.Genre, ct)], null);
            }

            case ProductionStep.Portraits:
            {
                if (graph.Characters.Count == 0)
                    return ([], NeedsCharacters);
                // A locked look keeps its portrait: only a locked character with no portrait yet gets one.
                var asked = graph.Characters.Where(c => onlyNodeId is null || c.Id == onlyNodeId).ToList();
                var tasks = asked.Where(c => !(c.LookLocked && c.PortraitKey is not null))
                    .Select(c => Media(GenerationTaskType.CharacterPortrait, NodeKind.Character, c.Id, PortraitRequest(graph, c)))
                    .ToList();
                return (tasks, tasks.Count == 0 && asked.Count > 0 ? LookLocked : null);
            }

            case ProductionStep.Scripts:
            {
                if (!HasContent(graph.Bible))
                    return ([], NeedsBible);
                if (graph.Characters.Count == 0)
                    return ([], NeedsCharacters);
                var bible = graph.Bible!.ToDraft(graph.Project.Title);
                var cast = graph.Characters.Select(c => c.ToDraft()).ToList();
                var tasks = new List<PlannedTask>();
                foreach (var episode in graph.Episodes.Where(e => onlyNodeId is null || e.Id == onlyNodeId))
                {
                    var context = new ScriptContext(checkpoint, bible, cast, episode.Number);
                    tasks.Add(await TextAsync(GenerationTaskType.Script, NodeKind.Script, episode.Id, context, language, bible.Genre, ct));
                }
                return (tasks, null);
            }

            case ProductionStep.SceneDesigns:
            {
                if (!graph.Scenes.Any())
                    return ([], NeedsScript);
                var cast = graph.Characters.Select(c => c.ToDraft()).ToList();
                var tasks = new List<PlannedTask>();
                foreach (var scene in graph.Scenes.Where(s => onlyNodeId is null || s.Id == onlyNodeId))
                {
                    var episode = graph.EpisodeOf(scene);
                    var context = new SceneDesignContext(checkpoint, graph.Bible?.Genre ?? "", graph.Bible?.Tone ?? "", episode.Number,
                        SceneDraftOf(graph, scene), cast);
                    tasks.Add(await TextAsync(GenerationTaskType.SceneDesign, NodeKind.Scene, scene.Id, context, language, graph.Bible?.Genre, ct));
                }
                return (tasks, null);
            }

            case ProductionStep.ShotLists:
            {
                if (!graph.Scenes.Any())
                    return ([], NeedsScript);
                var cast = graph.Characters.Select(c => c.ToDraft()).ToList();
                var tasks = new List<PlannedTask>();
                foreach (var scene in graph.Scenes.Where(s => onlyNodeId is null || s.Id == onlyNodeId))
                {
                    var episode = graph.EpisodeOf(scene);
                    var endsEpisode = scene.Number == episode.Scenes.Max(s => s.Number);
                    var context = new ShotListContext(checkpoint, episode.Number, SceneDraftOf(graph, scene), scene.Design, cast, endsEpisode);
                    tasks.Add(await TextAsync(GenerationTaskType.ShotList, NodeKind.Scene, scene.Id, context, language, graph.Bible?.Genre, ct));
                }
                return (tasks, null);
            }

            case ProductionStep.ShotImages:
            {
                if (!graph.Shots.Any())
                    return ([], NeedsShots);
                var tasks = graph.Shots.Where(s => onlyNodeId is null || s.Id == onlyNodeId)
                    .Select(s => Media(GenerationTaskType.ShotImage, NodeKind.Segment, s.Id, FrameRequest(graph, s)))
                    .ToList();
                return (tasks, null);
            }

            case ProductionStep.ShotAudio:
            {
                if (!graph.Shots.Any())
                    return ([], NeedsShots);
                var voices = _voices ??= await db.Voices.AsNoTracking().Where(v => v.IsActive).ToListAsync(ct);
                var tasks = graph.Shots.Where(s => (onlyNodeId is null || s.Id == onlyNodeId) && s.SpokenLine is { Text.Length: > 0 })
                    .Select(s => Media(GenerationTaskType.ShotAudio, NodeKind.Segment, s.Id, SpeechRequestFor(graph, s, voices)))
                    .ToList();
                return (tasks, tasks.Count == 0 ? NothingToSpeak : null);
            }

            case ProductionStep.ShotVideos:
            {
                if (!graph.Shots.Any())
                    return ([], NeedsShots);
                // One episode (onlyNodeId = its composition or episode), one shot, or every shot; each needs its frame.
                var episodeId = onlyNodeId is { } id
                    ? graph.Compositions.FirstOrDefault(c => c.Id == id)?.EpisodeId ?? graph.Episodes.FirstOrDefault(e => e.Id == id)?.Id
                    : null;
                var shots = graph.Shots.Where(s => onlyNodeId is null || s.Id == onlyNodeId
                                                   || (episodeId is { } episode && graph.SceneOf(s).EpisodeId == episode)).ToList();
                var ready = shots.Where(s => s.ImageKey is not null).ToList();
                if (ready.Count == 0)
                    return ([], NeedsImages);
                var takes = _takes ??= await db.GenerationTasks.AsNoTracking()
                    .Where(t => t.ProjectId == graph.Project.Id && t.Type == GenerationTaskType.ShotVideo)
                    .GroupBy(t => t.TargetId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                var shortSide = await MaxResolutionAsync(graph.Project.OwnerId, ct);
                var tasks = ready.Select(s => Media(GenerationTaskType.ShotVideo, NodeKind.Segment, s.Id, VideoInputFor(graph, s, takes.GetValueOrDefault(s.Id), shortSide)) with
                {
                    PriceUnits = VideoSeconds(s),
                }).ToList();
                return (tasks, null);
            }

            case ProductionStep.ComposePreview or ProductionStep.ComposeFinal:
            {
                if (!graph.Shots.Any())
                    return ([], NeedsShots);
                var type = step == ProductionStep.ComposeFinal ? GenerationTaskType.ComposeFinal : GenerationTaskType.ComposePreview;
                var shortSide = await MaxResolutionAsync(graph.Project.OwnerId, ct);
                var tasks = new List<PlannedTask>();
                foreach (var composition in graph.Compositions.Where(c => onlyNodeId is null || c.Id == onlyNodeId))
                {
                    var episode = graph.Episodes.FirstOrDefault(e => e.Id == composition.EpisodeId);
                    if (episode is null || !episode.Scenes.SelectMany(s => s.Shots).Any())
                        continue;
                    if (episode.Scenes.SelectMany(s => s.Shots).Any(s => s.ImageKey is null && s.ClipKey is null))
                        return ([], NeedsImages);
                    if (isMusicVideo)
                    {
                        var video = MusicVideoComposeFor(graph, composition, episode, shortSide);
                        if (video.IsFailure)
                            return ([], video.Error);
                        tasks.Add(Media(type, NodeKind.Compose, composition.Id, video.Value));
                        continue;
                    }
                    var music = composition.MusicTrackId is { } trackId
                        ? await db.MusicTracks.AsNoTracking().Where(t => t.Id == trackId).Select(t => t.AudioKey).FirstOrDefaultAsync(ct)
                        : await LibraryBedAsync(graph, ct);
                    var input = ComposeInputFor(graph, composition, episode, music, shortSide);
                    if (composition.Language is { } versionLanguage)
                    {
                        // The episode's language switch is on a version: its lines, voices and subtitles over the same pictures.
                        var translation = await db.EpisodeTranslations.AsNoTracking()
                            .FirstOrDefaultAsync(t => t.EpisodeId == episode.Id && t.Language == versionLanguage, ct);
                        if (translation is not null)
                        {
                            var localised = LanguageVersion.Apply(input, translation);
                            if (localised.IsFailure)
                                return ([], localised.Error);
                            input = localised.Value;
                        }
                    }
                    tasks.Add(Media(type, NodeKind.Compose, composition.Id, input));
                }
                return (tasks, tasks.Count == 0 ? NeedsShots : null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }

    /// <summary>
    /// The bed for an episode nobody chose music for: the active library track whose mood words best match the story
    /// bible's tone and genre (<see cref="Domain.Assets.MusicBed"/>: most matching words, ties by title); null when
    /// nothing matches or the library is empty, and the composer then generates its own bed.
    /// </summary>
    private async Task<string?> LibraryBedAsync(ProductionGraph graph, CancellationToken ct)
    {
        var library = _library ??= await db.MusicTracks.AsNoTracking().Where(t => t.IsActive).ToListAsync(ct);
        return Domain.Assets.MusicBed.Choose(library, graph.Bible?.Tone, graph.Bible?.Genre)?.AudioKey;
    }

    private Domain.Stories.StoryBible AddBible(ProductionGraph graph)
    {
        var bible = new Domain.Stories.StoryBible { ProjectId = graph.Project.Id };
        db.StoryBibles.Add(bible);
        return bible;
    }

    private static bool HasContent(CanvasNode? node) => node is { CurrentVersion: > 0 };

    private Domain.MusicVideos.SongMap AddSongMap(ProductionGraph graph)
    {
        var map = new Domain.MusicVideos.SongMap { ProjectId = graph.Project.Id };
        db.SongMaps.Add(map);
        return map;
    }

    /// <summary>The video's visual concept for the song map: the creator's idea (its first 200 characters).</summary>
    /// <summary>The song a music video's concept is written for (the excerpt the video covers), or null before it is analysed.</summary>
    private static SongBrief? SongBriefOf(ProductionGraph graph)
    {
        if (MusicVideos.VideoSong.Of(graph.Checkpoint) is not { } song)
            return null;
        var sections = song.Analysis.Sections
            .Select(s => new SongBriefSection(s.Number, s.Kind, s.Energy, Math.Round(s.Start, 2), Math.Round(s.End, 2))).ToList();
        return new SongBrief(Math.Round(song.Analysis.Tempo, 1), Math.Round(song.Duration, 2), sections, !string.IsNullOrWhiteSpace(graph.Checkpoint.Lyrics));
    }

    private static string ConceptOf(ProductionGraph graph) => Domain.Notes.NoteRules.Cut(graph.Checkpoint.Idea.ReplaceLineEndings(" "), 200);

    /// <summary>
    /// A music video's compose: the song (or its excerpt) is the soundtrack and the lyrics of the song map the subtitles;
    /// each shot starts on the beat nearest where its scene's earlier shots end (a section's first shot on the section's
    /// start), so the cuts stay on the beat grid whatever lengths the creator gave the shots.
    /// </summary>
    private static Domain.Common.Result<ComposeInput> MusicVideoComposeFor(ProductionGraph graph, Composition composition, Episode episode, int shortSide)
    {
        var song = MusicVideos.VideoSong.Of(graph.Checkpoint);
        if (song is null || graph.Checkpoint.SongKey is not { } songKey)
            return Domain.Common.Result<ComposeInput>.Failure(Domain.MusicVideos.SongRules.SongRequired);
        if (graph.SongMap is not { CurrentVersion: > 0 } map)
            return Domain.Common.Result<ComposeInput>.Failure(NeedsSongMap);
        var beats = song.Analysis.Beats;
        var shots = new List<ComposeShot>();
        var timing = new List<MusicVideoComposeShot>();
        var number = 0;
        foreach (var scene in episode.Scenes.OrderBy(s => s.Number))
        {
            if (map.Sections.FirstOrDefault(x => x.Number == scene.Number) is not { } section)
                continue;
            var ordered = scene.Shots.OrderBy(s => s.Order).ToList();
            var starts = new List<double>();
            var at = section.Start;
            foreach (var shot in ordered)
            {
                var start = starts.Count == 0 ? section.Start : Domain.MusicVideos.SongMapPlanner.SnapToBeat(beats, at, section.Start, section.End);
                at += (double)shot.DurationSeconds;
                // A shot pushed past its section's end (the creator lengthened the ones before it) is left out.
                if (starts.Count > 0 && (start <= starts[^1] + 0.2 || start >= section.End - 0.2))
                    break;
                starts.Add(start);
            }
            for (var i = 0; i < starts.Count; i++)
            {
                var shot = ordered[i];
                var end = i + 1 < starts.Count ? starts[i + 1] : section.End;
                shots.Add(new ComposeShot(shot.Id, ++number, scene.Number, (decimal)Math.Round(end - starts[i], 3), shot.ImageKey, null,
                    shot.CameraMove, ShotTransition.Cut, null, null, null, null));
                timing.Add(new MusicVideoComposeShot(shot.Id, Math.Round(starts[i], 4), Math.Round(end, 4)));
            }
        }
        if (shots.Count == 0)
            return Domain.Common.Result<ComposeInput>.Failure(NeedsShots);
        var music = new MusicVideoCompose(songKey, song.Start, song.Duration, timing, map.Lyrics());
        return new ComposeInput(composition.Id, episode.Number, graph.Checkpoint.AspectRatio, composition.BurnSubtitles, shortSide, null, shots)
        {
            MusicVideo = music,
        };
    }

    private Domain.Notes.Note AddNote(ProductionGraph graph)
    {
        var note = new Domain.Notes.Note { ProjectId = graph.Project.Id };
        db.Notes.Add(note);
        return note;
    }

    private Domain.Notes.NotePost AddPost(ProductionGraph graph)
    {
        var post = new Domain.Notes.NotePost { ProjectId = graph.Project.Id };
        db.NotePosts.Add(post);
        return post;
    }

    private static NoteBrief NoteBriefOf(ProductionGraph graph) => new(
        graph.Project.Title, graph.Checkpoint.Language, graph.Checkpoint.Idea, graph.Checkpoint.NoteTone, graph.Checkpoint.NotePageCount,
        graph.Style?.Title ?? "", graph.Style?.PromptFragment ?? "");

    /// <summary>
    /// A page's inputs: the picture to ask the image provider for (3:4, no text in it: the studio lays the text out) and
    /// the heading and text to lay over it.
    /// </summary>
    private static NotePageInput NotePageInputFor(ProductionGraph graph, Domain.Notes.Note note, Domain.Notes.NotePage page, NoteBrief brief)
    {
        var style = graph.Style?.PromptFragment ?? "";
        var picture = new ImageRequest(
            $"{page.ImagePrompt.Trim().TrimEnd('.')}. Vertical 3:4 lifestyle photo for a Xiaohongshu note, clean composition, "
            + $"space for a title, no text or letters in the picture. {style}".Trim(),
            Domain.Notes.NoteRules.PageWidth, Domain.Notes.NoteRules.PageHeight, graph.Style?.Title ?? "", PaletteOf(graph, null),
            page.IsCover ? ImageKind.Cover : ImageKind.SceneKeyArt, ShotType.Wide, Characters: [], Setting: page.ImagePrompt,
            Caption: null, Seed: StableSeed(page.Id.ToString()));
        var pages = note.Pages.Count(p => !p.IsCover);
        return new NotePageInput(picture, page.Number, pages, page.Heading, page.Text, brief.Language, PaletteOf(graph, null));
    }

    private static SceneDraft SceneDraftOf(ProductionGraph graph, Scene scene)
    {
        var episode = graph.EpisodeOf(scene);
        var target = Math.Round((decimal)graph.Checkpoint.EpisodeDurationSeconds / Math.Max(1, episode.Scenes.Count), 1);
        return scene.ToDraft(scene.CharacterKeys(), target);
    }

    private async Task<PlannedTask> TextAsync<TContext>(
        GenerationTaskType type, NodeKind kind, Guid targetId, TContext context, string language, string? genre, CancellationToken ct)
    {
        var contextJson = StageJson.Serialize(context);
        if (!_templates.TryGetValue(type, out var templates))
            _templates[type] = templates = await StagePrompts.TemplatesAsync(db, type, ct);
        var prompt = StagePrompts.For(templates, type, language, genre, contextJson);
        return new PlannedTask(type, kind, targetId, new StageInput<TContext>(context, language, prompt.System, prompt.User).ToJson());
    }

    private static PlannedTask Media<TRequest>(GenerationTaskType type, NodeKind kind, Guid targetId, TRequest request) =>
        new(type, kind, targetId, StageJson.Serialize(request));

    private static IReadOnlyList<string> PaletteOf(ProductionGraph graph, Scene? scene) =>
        scene?.Design?.Palette is { Count: > 0 } designed ? designed
        : graph.Style?.Palette is { Count: > 0 } styled ? styled
        : ["#1E2A44", "#3F5E8C", "#E8C07D", "#F4EDE4"];

    private static ImageCharacter Figure(Character c) => new(c.Name, c.Appearance, c.Gender.ToString().ToLowerInvariant(), c.Age, c.EffectiveSeed);

    /// <summary>The reference sheets of the characters in a frame (portrait first, then extras), for models that take references.</summary>
    private static IReadOnlyList<ImageReference>? ReferencesOf(IEnumerable<Character> cast)
    {
        var references = cast.SelectMany(c => DreamX.Infrastructure.Characters.CharacterReferences.SheetOf(c).ImageKeys.Select(key => new ImageReference(c.Name, key))).ToList();
        return references.Count == 0 ? null : references;
    }

    private static ImageRequest PortraitRequest(ProductionGraph graph, Character character)
    {
        var style = graph.Style?.PromptFragment ?? "";
        return new ImageRequest(
            $"Portrait of {character.Name}, {character.Occupation}. {character.Appearance}. {style}".Trim(),
            768, 768, graph.Style?.Title ?? "", PaletteOf(graph, null), ImageKind.CharacterPortrait,
            ShotType.MediumCloseUp, [Figure(character)], null, character.Name, character.EffectiveSeed);
    }

    private static ImageRequest FrameRequest(ProductionGraph graph, Shot shot)
    {
        var scene = graph.SceneOf(shot);
        var (width, height) = graph.Checkpoint.AspectRatio.FrameSize(720);
        var inFrame = shot.CharacterKeys.Select(k => graph.Characters.FirstOrDefault(c => c.Key == k)).OfType<Character>().ToList();
        var cast = inFrame.Select(Figure).ToList();
        var style = graph.Style?.PromptFragment ?? "";
        var musicVideo = graph.Project.Type == ProjectType.MusicMv;
        return new ImageRequest(
            // No caption in the picture: the compose burns the line in as a subtitle.
            $"{shot.VisualPrompt} {style}".Trim(), width, height, graph.Style?.Title ?? "",
            musicVideo ? BeatPalette(PaletteOf(graph, scene), scene.Number, shot.Order) : PaletteOf(graph, scene), ImageKind.ShotFrame,
            shot.ShotType, cast,
            // A music video's scene is a section of the song: what it shows is its look, not a place and a time of day.
            musicVideo && scene.ActionLines is [var look, ..] ? look : $"{scene.Location}, {scene.TimeOfDay}",
            Caption: null, StableSeed(shot.Id.ToString()),
            References: ReferencesOf(inFrame));
    }

    /// <summary>
    /// A music video shot's colours: the scene's palette turned round the colour wheel a step per shot (and a section
    /// further), every other shot lit brighter, so each cut on the beat is seen as one (as music videos grade their cuts).
    /// </summary>
    private static IReadOnlyList<string> BeatPalette(IReadOnlyList<string> palette, int section, int order)
    {
        var turn = (section * 137 + order * 71) % 360;
        var lift = order % 2 == 0 ? 0.35f : 0f;
        return palette.Select(hex =>
        {
            if (!SkiaSharp.SKColor.TryParse(hex, out var colour))
                return hex;
            colour.ToHsl(out var hue, out var saturation, out var lightness);
            var shifted = SkiaSharp.SKColor.FromHsl((hue + turn) % 360, Math.Max(saturation, 35), lightness + (100 - lightness) * lift);
            return $"#{shifted.Red:X2}{shifted.Green:X2}{shifted.Blue:X2}";
        }).ToList();
    }

    /// <summary>Seconds a shot's clip is priced at: the shot's length rounded up (the model's own length may be longer).</summary>
    public static int VideoSeconds(Shot shot) => Math.Max(1, (int)Math.Ceiling(shot.DurationSeconds));

    /// <summary>
    /// A video task's inputs: the frame as first frame; the prompt tells the action, the camera move, the setting and who
    /// is in the shot; each character's approved portrait is a reference. The frame's short side is the plan's
    /// resolution (<paramref name="shortSide"/>): the clip is asked for at no more than that.
    /// </summary>
    private static ShotVideoInput VideoInputFor(ProductionGraph graph, Shot shot, int take, int shortSide)
    {
        var scene = graph.SceneOf(shot);
        var (width, height) = graph.Checkpoint.AspectRatio.FrameSize(shortSide);
        var cast = shot.CharacterKeys.Select(k => graph.Characters.FirstOrDefault(c => c.Key == k)).OfType<Character>().ToList();
        var who = cast.Count == 0 ? "" : " In the shot: " + string.Join("; ", cast.Select(c => $"{c.Name} ({c.Appearance})".Trim())) + ".";
        var style = graph.Style?.PromptFragment is { Length: > 0 } fragment ? " Style: " + fragment + "." : "";
        var prompt = $"{shot.VisualPrompt.Trim().TrimEnd('.')}. Camera: {CameraWords(shot.CameraMove)}, {shot.ShotType}. "
                     + $"Setting: {scene.Location}, {scene.TimeOfDay}.{who}{style}";
        var references = cast.Where(c => c.PortraitKey is not null)
            .Select(c => new VideoReferenceInput(c.Key, c.Name, c.PortraitKey!)).ToList();
        return new ShotVideoInput(shot.Id, prompt, shot.ImageKey!, references, shot.DurationSeconds, width, height, shot.CameraMove,
            Audio: false, StableSeed(shot.Id.ToString()), take);
    }

    private static string CameraWords(CameraMove move) => move switch
    {
        CameraMove.Static => "locked-off static camera",
        _ => System.Text.RegularExpressions.Regex.Replace(move.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant(),
    };

    private static SpeechRequest SpeechRequestFor(ProductionGraph graph, Shot shot, IReadOnlyList<Domain.Assets.Voice> voices)
    {
        var line = shot.SpokenLine!;
        var language = graph.Checkpoint.Language;
        var speaker = line.CharacterKey is null ? null : graph.Characters.FirstOrDefault(c => c.Key == line.CharacterKey);
        var voice = speaker?.VoiceId is { } voiceId ? voices.FirstOrDefault(v => v.Id == voiceId) : null;
        // Narration gets the first voice of the project's language: one narrator for the whole drama.
        voice ??= voices.Where(v => v.Language == language).OrderBy(v => v.Name).FirstOrDefault();
        var key = voice is null ? (speaker?.Key ?? "narrator")
            : voice.EngineVariant is { Length: > 0 } variant ? $"{voice.EngineVoice}+{variant}" : voice.EngineVoice;
        return new SpeechRequest(line.Text, language, key, voice?.Pitch ?? 50, voice?.WordsPerMinute ?? 160,
            (speaker?.Gender ?? voice?.Gender)?.ToString().ToLowerInvariant());
    }

    /// <summary>The owner's tier decides the final resolution (720p or 1080p); no subscription is the Starter tier.</summary>
    private async Task<int> MaxResolutionAsync(string ownerId, CancellationToken ct)
    {
        if (_resolutions.TryGetValue(ownerId, out var known))
            return known;
        var tier = await db.Subscriptions.AsNoTracking()
            .Where(s => s.UserId == ownerId && s.Status != Domain.Subscriptions.SubscriptionStatus.Expired)
            .Select(s => (Domain.Subscriptions.SubscriptionTier?)s.Tier)
            .FirstOrDefaultAsync(ct);
        return _resolutions[ownerId] = Domain.Subscriptions.TierLimits.For(tier ?? Domain.Subscriptions.SubscriptionTier.Starter).MaxResolution;
    }

    private static ComposeInput ComposeInputFor(ProductionGraph graph, Composition composition, Episode episode, string? musicKey, int shortSide)
    {
        var number = 0;
        var shots = new List<ComposeShot>();
        foreach (var scene in episode.Scenes.OrderBy(s => s.Number))
        {
            foreach (var shot in scene.Shots.OrderBy(s => s.Order))
            {
                var speaker = shot.SpokenLine?.CharacterKey is { } key ? graph.Characters.FirstOrDefault(c => c.Key == key)?.Name : null;
                shots.Add(new ComposeShot(shot.Id, ++number, scene.Number, shot.DurationSeconds, shot.ImageKey, shot.ClipKey, shot.CameraMove,
                    shot.Transition, shot.AudioKey, shot.AudioDurationSeconds, shot.SpokenLine?.Text, speaker));
            }
        }
        return new ComposeInput(composition.Id, episode.Number, graph.Checkpoint.AspectRatio, composition.BurnSubtitles, shortSide, musicKey, shots);
    }

    private static int StableSeed(string text) => CharacterSeed.FromKey(text);
}
