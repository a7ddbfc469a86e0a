using System.ComponentModel;
using DreamX.Infrastructure.Projects;

namespace DreamX.Web.Api.Foundation;

/// <summary>One page of a list: every list of the API pages this way (<c>?page=1&amp;pageSize=20</c>).</summary>
/// <param name="Items">This page's items.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page (at most 100).</param>
/// <param name="Total">How many items there are on all pages.</param>
/// <param name="TotalPages">How many pages there are (at least 1).</param>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, int TotalPages)
{
    public static ApiPage<T> Of(IReadOnlyList<T> items, int page, int pageSize, int total) =>
        new(items, page, pageSize, total, total == 0 ? 1 : (total + pageSize - 1) / pageSize);
}

public static class ApiPage
{
    public static ApiPage<TOut> From<TIn, TOut>(Paged<TIn> paged, Func<TIn, TOut> map) =>
        ApiPage<TOut>.Of(paged.Items.Select(map).ToList(), paged.Page, paged.PageSize, paged.TotalCount);
}

/// <summary>The paging query every list takes; out-of-range values are a 400 with field errors, not silently changed.</summary>
public sealed class PageQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The page number, from 1.</summary>
    [DefaultValue(1)]
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Items per page, 1 to 100.</summary>
    [DefaultValue(DefaultPageSize)]
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? DefaultPageSize;

    /// <returns>Field errors, empty when the query is usable.</returns>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PageOrDefault < 1)
            errors["page"] = ["page starts at 1."];
        if (PageSizeOrDefault is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        return errors;
    }
}
