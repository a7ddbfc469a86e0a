namespace DreamX.Domain.Canvas;

/// <summary>Who wrote a content version.</summary>
public enum NodeVersionSource
{
    Generated,
    HandEdit,
    Restored,
}
