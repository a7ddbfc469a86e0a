using DreamX.Domain.Canvas;

namespace DreamX.Domain.Generation;

/// <summary>What a task's watchers see: its state, how far it got and on which canvas node it works.</summary>
public sealed record TaskProgress(
    Guid ProjectId,
    Guid TaskId,
    string OwnerId,
    GenerationTaskStatus Status,
    int Percent,
    string? Message,
    NodeKind NodeKind,
    Guid NodeId);
