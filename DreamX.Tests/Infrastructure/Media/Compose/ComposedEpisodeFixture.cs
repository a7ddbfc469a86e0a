using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>One short 9:16 episode (4 shots, three lines, about 8 s) composed once at a small size for many checks.</summary>
public sealed class ComposedEpisodeFixture : IAsyncLifetime
{
    public static readonly string?[] Lines = ["We should go now.", "Wait, look at this.", null, "Tomorrow we try again."];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));
    public List<TimelineShot> Shots { get; private set; } = [];
    public EpisodeTimeline Timeline { get; private set; } = null!;
    public ComposedEpisode Episode { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Shots = await SampleEpisode.CreateAsync(Path.Combine(Folder, "media"), Lines, 1.5, 480, 640);
        Timeline = EpisodeTimeline.Build(Shots).Value;
        var composed = await new EpisodeComposer().ComposeAsync(
            new ComposeRequest("episode", Shots, AspectRatio.Portrait9x16, ComposeMode.Final,
                Path.Combine(Folder, "work"), Path.Combine(Folder, "out"), ShortSide: 240), CancellationToken.None);
        Episode = composed.IsSuccess ? composed.Value : throw new InvalidOperationException(composed.Error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
