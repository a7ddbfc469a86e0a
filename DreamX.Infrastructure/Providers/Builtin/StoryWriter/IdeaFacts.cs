using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// What an idea says, read by <see cref="IdeaFactsReader"/>: who the protagonist is (<see cref="Role"/> is the full phrase,
/// "外卖骑手" / "delivery rider"; <see cref="RoleHead"/> its head noun, "骑手" / "rider"), what they do, the key object, the key
/// relationship, where and when, and the inciting incident. Any part the idea leaves out is null.
/// </summary>
internal sealed record IdeaFacts(
    string Premise,
    string? Role,
    string? RoleHead,
    string? Name,
    Gender? Gender,
    int? Age,
    string? Action,
    string? KeyObject,
    string? ObjectPhrase,
    string? Relation,
    string? RelationPhrase,
    string? Setting,
    string? Time,
    TimeOfDay? TimeOfDay,
    bool? Outdoors,
    string? Incident)
{
    public static IdeaFacts Empty(string premise) =>
        new(premise, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Whether the idea said enough to write its own opening (a protagonist or a key object).</summary>
    public bool HasPremise => Role is not null || KeyObject is not null || Name is not null;
}
