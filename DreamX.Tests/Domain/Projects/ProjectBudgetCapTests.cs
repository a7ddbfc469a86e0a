using DreamX.Domain.Projects;

namespace DreamX.Tests.Domain.Projects;

public class ProjectBudgetCapTests
{
    private static Project NewProject() => Project.Create("user-1", new CheckpointInput
    {
        Title = "Night Shift",
        Idea = "A nurse finds a patient who is not on any list.",
        Language = "en-US",
    });

    [Theory]
    [InlineData(0)]
    [InlineData(250)]
    [InlineData(ProjectBudget.MaxCapCredits)]
    public void A_cap_from_zero_to_the_maximum_is_kept(int cap)
    {
        var project = NewProject();

        var result = project.SetBudgetCap(cap);

        Assert.True(result.IsSuccess);
        Assert.Equal(cap, project.BudgetCapCredits);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ProjectBudget.MaxCapCredits + 1)]
    public void A_cap_out_of_range_is_refused_and_keeps_the_old_cap(int cap)
    {
        var project = NewProject();
        project.SetBudgetCap(100);

        var result = project.SetBudgetCap(cap);

        Assert.Equal(ProjectBudget.CapOutOfRange, result.Error);
        Assert.Equal(100, project.BudgetCapCredits);
    }

    [Fact]
    public void Clearing_the_cap_leaves_the_project_without_a_budget()
    {
        var project = NewProject();
        project.SetBudgetCap(100);

        project.SetBudgetCap(null);

        Assert.Null(project.Budget);
    }

    [Fact]
    public void The_budget_left_is_the_cap_minus_what_was_spent_and_never_below_zero()
    {
        Assert.Equal(60, new ProjectBudget(100, 40).LeftCredits);
        Assert.Equal(0, new ProjectBudget(100, 130).LeftCredits);
    }

    [Fact]
    public void Credits_held_by_unfinished_tasks_are_not_left_to_spend()
    {
        Assert.Equal(35, new ProjectBudget(100, 40, HeldCredits: 25).LeftCredits);
        Assert.False(new ProjectBudget(100, 40, HeldCredits: 25).Allows(36));
    }

    [Fact]
    public void Tasks_costing_more_than_what_is_left_would_pass_the_cap()
    {
        var budget = new ProjectBudget(100, 40);

        Assert.True(budget.Allows(60));
        Assert.False(budget.Allows(61));
    }
}
