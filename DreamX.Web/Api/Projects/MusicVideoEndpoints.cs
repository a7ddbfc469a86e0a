using System.Text.Json;
using DreamX.Domain.Canvas;
using DreamX.Domain.Common;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Components.Pages.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Api.Projects;

/// <summary>One section of a music video's song map: its span (seconds from the video's start), part, energy, look and lyric lines.</summary>
public sealed record SongMapSectionResponse(
    int Number, SongSectionKind Kind, SongEnergy Energy, double Start, double End, string Look, IReadOnlyList<SongMapLyric> Lyrics, Guid? SceneId);

/// <summary>A music video's song map: the song, its tempo, the video's length and the sections (empty until it is made).</summary>
public sealed record SongMapResponse(
    Guid ProjectId, Guid? Id, NodeState State, int CurrentVersion, string? SongName, double Tempo, double DurationSeconds,
    IReadOnlyList<SongMapSectionResponse> Sections, string? LastError);

/// <summary>A section's edit: what its pictures show and its lyric lines (start and end in seconds from the video's start).</summary>
public sealed record SongMapSectionRequest(int Number, string? Look, IReadOnlyList<SongMapLyric>? Lyrics);

/// <summary>Every section of the song map, each with its look and lyric lines (the section times are the song's and stay).</summary>
public sealed record SongMapRequest(IReadOnlyList<SongMapSectionRequest>? Sections);

/// <summary>
/// Music videos (项目类型 music_mv) over the API: create one from an uploaded song or a music-library track
/// (multipart: a <c>checkpoint</c> part with the project's JSON, as for <c>POST /projects</c> plus lyrics, excerpt and
/// songTrackId, and a <c>song</c> file part), read the song map and edit it. The stages are generated with the canvas verbs
/// <c>story-bible</c>, <c>characters</c> (optional), <c>song-map</c>, <c>mv-shots</c> (one scene with <c>?nodeId=</c>),
/// <c>shot-images</c> and <c>compose-final</c>. The same services and rules as the canvas.
/// </summary>
public static class MusicVideoEndpoints
{
    private const string NotAMusicVideo = "music_video.not_a_music_video";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static RouteGroupBuilder MapMusicVideoEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapPost("/music-video", CreateAsync).WithName("CreateMusicVideo")
            .WithSummary("Create a music video from an uploaded song (multipart: 'checkpoint' JSON and a 'song' file) or a library track (songTrackId)")
            .DisableAntiforgery().RequiresWrite();
        projects.MapGet("/{projectId:guid}/song-map", GetAsync).WithName("GetSongMap")
            .WithSummary("A music video's song map: sections with their times, energy, look and lyric lines");
        projects.MapPut("/{projectId:guid}/song-map", EditAsync).WithName("EditSongMap")
            .WithSummary("Edit each section's look and lyric lines (a changed look sends its shots stale, changed lyrics the compose)").RequiresWrite();
        return projects;
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, SongIntake intake, ProjectLibrary library, ProjectGraphReader graphs, IStringLocalizer<ProjectsText> text, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return ApiProblems.BadRequest("Send multipart/form-data: a 'checkpoint' part (JSON) and a 'song' file, or songTrackId in the checkpoint.", "music_video.multipart");
        var form = await http.Request.ReadFormAsync(ct);
        MusicVideoCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<MusicVideoCheckpoint>(form["checkpoint"].ToString() is { Length: > 0 } body ? body : "{}", Json);
        }
        catch (JsonException e)
        {
            return ApiProblems.BadRequest($"The 'checkpoint' part is not valid JSON: {e.Message}", "music_video.checkpoint_json");
        }
        checkpoint ??= new MusicVideoCheckpoint();
        var userId = http.UserId();
        var input = checkpoint.ToInput();
        // The checkpoint's own rules first (title, idea, lyrics, ...), so a bad form costs no upload analysis.
        var plan = await library.PlanOfAsync(userId, ct);
        var early = CheckpointRules.Validate(input with { SongKey = "pending", SongSeconds = SongRules.MaxSeconds }, plan)
            .Where(e => e.Field != "Excerpt").ToList();
        if (early.Count > 0)
            return ApiProblems.Validation(ProjectEndpoints.FieldErrors(early, text));

        var file = form.Files.GetFile("song");
        Result<ReceivedSong> received;
        if (file is not null)
        {
            await using var content = file.OpenReadStream();
            received = await intake.ReceiveAsync(content, file.FileName, ct);
        }
        else if (checkpoint.SongTrackId is { } trackId)
            received = await intake.FromLibraryAsync(trackId, ct);
        else
            received = Result<ReceivedSong>.Failure(SongRules.SongRequired);
        if (received.IsFailure)
            return ApiProblems.Validation("song", text.Describe(received.Error, plan));
        using var song = received.Value;

        var errors = CheckpointRules.Validate(SongIntake.Prepare(input, song, "pending"), plan);
        if (errors.Count > 0)
            return ApiProblems.Validation(ProjectEndpoints.FieldErrors(errors, text));
        var created = await intake.CreateProjectAsync(userId, input, song, ct);
        if (created.IsFailure)
            return ApiProblems.From(created, code => text.Describe(code, plan));
        var graph = await graphs.ReadAsync(userId, created.Value.Id, ct);
        return TypedResults.Created($"{ApiRoutes.Prefix}/projects/{created.Value.Id}", ProjectResponse.From(graph.Value));
    }

    private static async Task<Results<Ok<SongMapResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, HttpContext http, ProjectGraphReader graphs, CancellationToken ct)
    {
        var (graph, refused) = await ReadAsync(graphs, http.UserId(), projectId, ct);
        if (refused is not null)
            return refused;
        var map = graph.SongMap;
        var scenes = graph.Episodes.OrderBy(e => e.Number).FirstOrDefault()?.Scenes ?? [];
        var sections = (map?.Sections ?? []).Select(s => new SongMapSectionResponse(
            s.Number, s.Kind, s.Energy, s.Start, s.End, s.Look, s.Lyrics, scenes.FirstOrDefault(x => x.Number == s.Number)?.Id)).ToList();
        return TypedResults.Ok(new SongMapResponse(projectId, map?.Id, map?.State ?? NodeState.Empty, map?.CurrentVersion ?? 0,
            graph.Project.Checkpoint.SongName, map?.Tempo ?? 0, map?.DurationSeconds ?? graph.Project.Checkpoint.EpisodeDurationSeconds, sections,
            map?.LastError));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid projectId, SongMapRequest request, HttpContext http, ProjectGraphReader graphs, SongMapEdits edits,
        IStringLocalizer<MusicVideoText> text, IStringLocalizer<CanvasPanelText> panel, CancellationToken ct)
    {
        var userId = http.UserId();
        var (_, refused) = await ReadAsync(graphs, userId, projectId, ct);
        if (refused is not null)
            return refused;
        var sections = (request.Sections ?? [])
            .Select(s => new SongMapSectionEdit(s.Number, s.Look ?? "", (s.Lyrics ?? []).Select(l => l with { Text = l.Text ?? "" }).ToList()))
            .ToList();
        var (result, error) = await edits.EditWithErrorAsync(userId, projectId, sections, ct);
        if (error is not null)
            return ApiProblems.Validation(ApiValidation.JsonName(error.Field), text[$"SongMap.{error.Code}", error.Arguments]);
        if (result.IsSuccess)
            return TypedResults.NoContent();
        // Not found, a viewer's edit, a change made meanwhile: as every other node edit answers them.
        return (ProblemHttpResult)ProductionEndpoints.Edited(result, panel).Result;
    }

    /// <summary>The project as the caller may read it, or why not: not found (someone else's), or not a music video.</summary>
    private static async Task<(ProjectGraph Graph, ProblemHttpResult? Refused)> ReadAsync(
        ProjectGraphReader graphs, string userId, Guid projectId, CancellationToken ct)
    {
        var graph = await graphs.ReadAsync(userId, projectId, ct);
        if (graph.IsFailure)
            return (null!, ApiProblems.NotFound("There is no such project.", graph.Error));
        return graph.Value.Project.Type == ProjectType.MusicMv
            ? (graph.Value, null)
            : (graph.Value, ApiProblems.Conflict("This project is not a music video: its type is set at the checkpoint.", NotAMusicVideo));
    }
}

/// <summary>A music video's checkpoint over the API: the project's fields, the lyrics, the excerpt and (instead of an upload) a library track.</summary>
public sealed class MusicVideoCheckpoint
{
    public string Title { get; init; } = "";

    /// <summary>"zh-CN" or "en-US" (the lyrics' subtitles are shown as written).</summary>
    public string Language { get; init; } = Domain.Common.StoryLanguage.Chinese;

    public ContentRating Rating { get; init; } = ContentRating.PG13;
    public Guid? VisualStyleId { get; init; }
    public AspectRatio AspectRatio { get; init; } = AspectRatio.Portrait9x16;

    /// <summary>The idea and mood of the video (10 to 4,000 characters).</summary>
    public string Idea { get; init; } = "";

    /// <summary>Optional lyrics: plain lines, or LRC with [mm:ss.xx] times.</summary>
    public string? Lyrics { get; init; }

    /// <summary>Optional excerpt of the song (seconds); the video lasts the excerpt.</summary>
    public double? ExcerptStartSeconds { get; init; }
    public double? ExcerptEndSeconds { get; init; }

    /// <summary>A track of <c>GET /api/v1/catalog/music</c> as the song, when no file is uploaded.</summary>
    public Guid? SongTrackId { get; init; }

    public CheckpointInput ToInput() => new()
    {
        Type = ProjectType.MusicMv, Title = Title?.Trim() ?? "", Language = Language, Rating = Rating, VisualStyleId = VisualStyleId,
        AspectRatio = AspectRatio, Idea = Idea ?? "", Lyrics = Lyrics, ExcerptStartSeconds = ExcerptStartSeconds, ExcerptEndSeconds = ExcerptEndSeconds,
    };
}
