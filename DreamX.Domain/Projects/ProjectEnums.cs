namespace DreamX.Domain.Projects;

/// <summary>What kind of work the creator is making (SPEC §2, checkpoint).</summary>
public enum ProjectType
{
    SingleEpisode,
    MultiEpisodes,
    ScriptBased,
    MusicMv,
    RedbookNote,
}

/// <summary>Audience rating chosen at the checkpoint.</summary>
public enum ContentRating
{
    G,
    PG,
    PG13,
    R,
}

/// <summary>Frame shape of every image and video in a project.</summary>
public enum AspectRatio
{
    Portrait9x16,
    Landscape16x9,
    Square1x1,
}

/// <summary>The spine of the canvas, in pipeline order.</summary>
public enum ProjectStage
{
    Checkpoint,
    StoryBible,
    Characters,
    Script,
    Scenes,
    Segments,
    Compose,
}
