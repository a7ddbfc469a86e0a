using DreamX.Infrastructure.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>The creator's projects as cards; the page that hosts it loads the data and handles the actions.</summary>
public partial class ProjectGrid
{
    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Parameter, EditorRequired] public IReadOnlyList<ProjectSummary> Items { get; set; } = [];
    [Parameter] public EventCallback<ProjectSummary> OnRename { get; set; }
    [Parameter] public EventCallback<ProjectSummary> OnDuplicate { get; set; }
    [Parameter] public EventCallback<ProjectSummary> OnDelete { get; set; }

    private static string Initial(string title) => title.Length == 0 ? "?" : char.ToUpperInvariant(title[0]).ToString();

    private string Ago(DateTimeOffset when)
    {
        var elapsed = Clock.GetUtcNow() - when;
        if (elapsed < TimeSpan.FromMinutes(1))
            return L["Ago.JustNow"];
        if (elapsed < TimeSpan.FromHours(1))
            return L["Ago.Minutes", (int)elapsed.TotalMinutes];
        if (elapsed < TimeSpan.FromDays(1))
            return L["Ago.Hours", (int)elapsed.TotalHours];
        if (elapsed < TimeSpan.FromDays(30))
            return L["Ago.Days", (int)elapsed.TotalDays];
        return when.ToString("d", System.Globalization.CultureInfo.CurrentCulture);
    }
}
