using DreamX.Infrastructure.Administration;
using Microsoft.AspNetCore.Components;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>The admin dashboard: users, projects, the queue, failures and credits of the last 24 h, storage used.</summary>
public sealed partial class AdminDashboard
{
    [Inject] private StudioDashboard Dashboard { get; set; } = null!;

    private DashboardFigures? _figures;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _figures = await Dashboard.ReadAsync();

    private static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} GB",
    };
}
