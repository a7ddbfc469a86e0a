using DreamX.Domain.Projects;

namespace DreamX.Infrastructure.Projects;

/// <summary>What the project list asks for: a page of the creator's projects, optionally filtered by title.</summary>
public sealed record ProjectQuery(string? Search = null, int Page = 1, int PageSize = ProjectQuery.DefaultPageSize, bool NewestFirst = true)
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 100;
}

/// <summary>One row of the project list.</summary>
public sealed record ProjectSummary(
    Guid Id,
    string Title,
    ProjectType Type,
    ProjectStage Stage,
    string Language,
    AspectRatio AspectRatio,
    int EpisodeCount,
    string IdeaExcerpt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of results and how many there are in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>A visual style a creator can pick at the checkpoint.</summary>
public sealed record StyleChoice(Guid Id, string Title, string Type);
