namespace DreamX.Domain.Events;

/// <summary>
/// One line of the event log: something that happened to a creator's work (a task's progress or state, a node made, a
/// render finished, a project created). <see cref="Id"/> grows with every event in commit order, so a client that saw
/// event n asks for everything after n and misses nothing. <see cref="Payload"/> is a small JSON object.
/// </summary>
public sealed class StudioEvent
{
    public long Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string UserId { get; init; } = "";
    public Guid? ProjectId { get; init; }
    public Guid? TaskId { get; init; }
    public string Type { get; init; } = "";
    public string Payload { get; init; } = "{}";
}

/// <summary>An event on its way into the log (the id and time are given when it is stored).</summary>
public sealed record NewStudioEvent(string Type, string UserId, Guid? ProjectId, Guid? TaskId, object Payload);
