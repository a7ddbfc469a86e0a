using Bunit;
using DreamX.Domain.Canvas;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Production;
using DreamX.Web.Components.Pages.Projects.Production;

namespace DreamX.Tests.Web.Components;

/// <summary>
/// The production board's episode card offers every language the episode was composed in: the one it plays, and each
/// other language's video and subtitles (SRT per language), its best render (final before preview, then the newest).
/// </summary>
public sealed class ProductionLanguagesTests : StudioComponentTest
{
    [Fact]
    public void An_episode_composed_in_two_languages_offers_the_other_languages_video_and_subtitles()
    {
        var project = Project.Create("owner", new CheckpointInput
        {
            Title = "The Heir", Type = ProjectType.SingleEpisode, Language = "zh-CN", EpisodeCount = 1, EpisodeDurationSeconds = 30,
            Idea = "一位夜班护士发现她安静的病人正是全城都在寻找的继承人。",
        });
        var episode = new Episode { ProjectId = project.Id, Number = 1, Title = "Pilot", State = NodeState.Ready, CurrentVersion = 1 };
        var composition = new Composition { ProjectId = project.Id, EpisodeId = episode.Id, State = NodeState.Ready, CurrentVersion = 3 };
        CompositionRender Render(int version, string? language) => new()
        {
            CompositionId = composition.Id, Version = version, Quality = RenderQuality.Preview, Language = language,
            VideoKey = $"projects/{project.Id:N}/renders/v{version}.mp4", SubtitlesKey = $"projects/{project.Id:N}/renders/v{version}.srt",
            DurationSeconds = 30, Width = 720, Height = 1280, SizeBytes = 1_000_000,
        };
        // The Chinese original twice (the newest is shown), the English version once.
        composition.Renders.AddRange([Render(1, null), Render(2, "en-US"), Render(3, null)]);
        var graph = new ProductionGraph { Project = project, Characters = [], Episodes = [episode], Compositions = [composition] };
        var downloads = composition.Renders.SelectMany(r => new[] { r.VideoKey, r.SubtitlesKey! }).ToDictionary(k => k, k => "https://files.test/" + k);

        var content = Render<ProductionContent>(p => p
            .Add(x => x.Graph, graph)
            .Add(x => x.MediaUrls, new Dictionary<string, string>())
            .Add(x => x.Downloads, downloads));

        // The card plays the newest render of the original, and says which language it is.
        Assert.Contains("Chinese", content.Find("[data-testid='compose-card']").TextContent);
        Assert.Equal("https://files.test/" + composition.Renders[2].VideoKey, content.Find("[data-testid='compose-download-mp4']").GetAttribute("href"));
        // The English version: its own video and SRT.
        var english = Assert.Single(content.FindAll("[data-testid='compose-language']"));
        Assert.Equal("en-US", english.GetAttribute("data-language"));
        Assert.Contains("English", english.TextContent);
        Assert.Equal("https://files.test/" + composition.Renders[1].VideoKey, english.QuerySelector("[data-testid='compose-language-mp4']")!.GetAttribute("href"));
        Assert.Equal("https://files.test/" + composition.Renders[1].SubtitlesKey, english.QuerySelector("[data-testid='compose-language-srt']")!.GetAttribute("href"));
    }
}
