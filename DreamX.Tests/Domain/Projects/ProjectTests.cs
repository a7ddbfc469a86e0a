using DreamX.Domain.Canvas;
using DreamX.Domain.Projects;

namespace DreamX.Tests.Domain.Projects;

public class ProjectTests
{
    private static Project NewProject() => Project.Create("user-1", new CheckpointInput
    {
        Title = "  Night Shift  ",
        Idea = "A nurse finds a patient who is not on any list.",
        Language = "en-US",
        AspectRatio = AspectRatio.Landscape16x9,
        EpisodeDurationSeconds = 90,
    });

    [Fact]
    public void Creating_a_project_trims_the_title_and_makes_a_ready_checkpoint()
    {
        var project = NewProject();

        Assert.Equal("Night Shift", project.Title);
        Assert.Equal(project.Id, project.Checkpoint.ProjectId);
        Assert.Equal(NodeState.Ready, project.Checkpoint.State);
        Assert.Equal(ProjectStage.Checkpoint, project.Stage);
    }

    [Fact]
    public void Renaming_to_an_empty_title_is_refused_and_keeps_the_old_one()
    {
        var project = NewProject();

        var result = project.Rename(" ");

        Assert.True(result.IsFailure);
        Assert.Equal("title.required", result.Error);
        Assert.Equal("Night Shift", project.Title);
    }

    [Fact]
    public void A_duplicate_is_a_new_project_with_the_same_checkpoint()
    {
        var project = NewProject();

        var copy = project.Duplicate("Night Shift (copy)");

        Assert.NotEqual(project.Id, copy.Id);
        Assert.Equal(copy.Id, copy.Checkpoint.ProjectId);
        Assert.Equal("Night Shift (copy)", copy.Title);
        Assert.Equal(project.Checkpoint.Idea, copy.Checkpoint.Idea);
        Assert.Equal(AspectRatio.Landscape16x9, copy.Checkpoint.AspectRatio);
        Assert.Equal(90, copy.Checkpoint.EpisodeDurationSeconds);
    }

    [Theory]
    [InlineData(AspectRatio.Portrait9x16, 720, 720, 1280)]
    [InlineData(AspectRatio.Landscape16x9, 1080, 1920, 1080)]
    [InlineData(AspectRatio.Square1x1, 720, 720, 720)]
    public void Frame_sizes_follow_the_aspect_ratio(AspectRatio ratio, int shortSide, int width, int height) =>
        Assert.Equal((width, height), ratio.FrameSize(shortSide));
}
