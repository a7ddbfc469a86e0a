using Bunit;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Components.Pages.Projects;

namespace DreamX.Tests.Web.Components.Projects;

public sealed class ProjectGridTests : StudioComponentTest
{
    [Fact]
    public void Each_project_is_a_card_linking_to_its_page()
    {
        var projects = new[] { Summary("Moonlight Bakery"), Summary("Harbour", ProjectType.MultiEpisodes, episodes: 6) };

        var grid = Render<ProjectGrid>(p => p.Add(g => g.Items, projects));

        var cards = grid.FindAll("[data-testid='project-card']");
        Assert.Equal(2, cards.Count);
        Assert.Equal(projects[0].Id.ToString(), cards[0].GetAttribute("data-project-id"));
        Assert.Equal($"/projects/{projects[1].Id}", cards[1].QuerySelector("[data-testid='project-title']")!.GetAttribute("href"));
        Assert.Contains("Series", cards[1].TextContent);
        Assert.Contains("6 episodes", cards[1].TextContent);
        Assert.Contains("9:16", cards[0].TextContent);
    }

    [Fact]
    public void The_card_menu_asks_the_page_to_delete_that_project()
    {
        var projects = new[] { Summary("Keep"), Summary("Remove") };
        ProjectSummary? deleted = null;
        var popovers = RenderPopovers();
        var grid = Render<ProjectGrid>(p => p
            .Add(g => g.Items, projects)
            .Add(g => g.OnDelete, project => deleted = project));

        grid.FindAll("[data-testid='project-menu'] button")[1].Click();
        popovers.WaitForElement("[data-testid='project-delete']").Click();

        // The menu item runs its handler asynchronously (the popover closes first): wait for it, bounded.
        grid.WaitForAssertion(() => Assert.Equal(projects[1], deleted), TimeSpan.FromSeconds(10));
    }

    private static ProjectSummary Summary(string title, ProjectType type = ProjectType.SingleEpisode, int episodes = 1) =>
        new(Guid.NewGuid(), title, type, ProjectStage.Checkpoint, "en-US", AspectRatio.Portrait9x16, episodes,
            "A ferry captain finds a letter in a bottle.", DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow.AddMinutes(-5));
}
