namespace DreamX.Domain.Scripts;

/// <summary>Framing of a shot, from closest to widest.</summary>
public enum ShotType
{
    ExtremeCloseUp,
    CloseUp,
    MediumCloseUp,
    Medium,
    MediumWide,
    Wide,
    Establishing,
}

/// <summary>Camera movement over the still when a shot has no clip of its own.</summary>
public enum CameraMove
{
    Static,
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
}

/// <summary>How a shot joins the one before it.</summary>
public enum ShotTransition
{
    Cut,
    FadeThroughBlack,
    Crossfade,
}

/// <summary>INT/EXT part of a scene heading.</summary>
public enum SceneSetting
{
    Interior,
    Exterior,
}

public enum TimeOfDay
{
    Dawn,
    Day,
    Dusk,
    Night,
}
