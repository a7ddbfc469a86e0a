using DreamX.Domain.Common;

namespace DreamX.Domain.Projects;

/// <summary>A creator's short drama: the root of the canvas graph.</summary>
public sealed class Project : Entity
{
    public const int TitleMaxLength = 80;

    public string OwnerId { get; set; } = "";
    public string Title { get; private set; } = "";
    public ProjectType Type { get; set; }
    public ProjectStage Stage { get; set; } = ProjectStage.Checkpoint;

    /// <summary>Credits this project may spend at most (null: no cap); new tasks are refused once reached.</summary>
    public int? BudgetCapCredits { get; set; }

    /// <summary>Credits consumed by this project's tasks so far.</summary>
    public int CreditsSpent { get; set; }

    public string? CoverKey { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint RowVersion { get; set; }

    public Checkpoint Checkpoint { get; set; } = null!;

    /// <param name="id">The new project's id, when files must be stored under it before it is saved (a music video's song).</param>
    public static Project Create(string ownerId, CheckpointInput input, Guid? id = null)
    {
        var project = new Project { Id = id ?? Guid.CreateVersion7(), OwnerId = ownerId, Type = input.Type };
        project.Title = input.Title.Trim();
        project.Checkpoint = Checkpoint.From(project.Id, input);
        return project;
    }

    /// <summary>Renames the project; the title must be valid (see <see cref="CheckpointRules"/>).</summary>
    public Result Rename(string title)
    {
        var error = CheckpointRules.ValidateTitle(title);
        if (error is not null)
            return Result.Failure(error.Code);
        Title = title.Trim();
        Touch();
        return Result.Success();
    }

    /// <summary>A copy of the project's checkpoint under a new title; generated content is not copied.</summary>
    public Project Duplicate(string newTitle)
    {
        var input = Checkpoint.ToInput() with { Title = newTitle };
        var copy = Create(OwnerId, input);
        copy.BudgetCapCredits = BudgetCapCredits;
        return copy;
    }

    /// <summary>The budget as a creator reads it, or null when the project has no cap.</summary>
    public ProjectBudget? Budget => BudgetCapCredits is { } cap ? new ProjectBudget(cap, CreditsSpent) : null;

    /// <summary>Caps what the project may spend (null: no cap); the cap must be valid (see <see cref="ProjectBudget.ValidateCap"/>).</summary>
    public Result SetBudgetCap(int? capCredits)
    {
        if (ProjectBudget.ValidateCap(capCredits) is { } error)
            return Result.Failure(error.Code);
        BudgetCapCredits = capCredits;
        Touch();
        return Result.Success();
    }

    public bool IsOwnedBy(string userId) => OwnerId == userId;

    /// <summary>Moves the project's current stage forward to <paramref name="stage"/> (never back).</summary>
    public void Advance(ProjectStage stage)
    {
        if (stage > Stage)
            Stage = stage;
    }

    public void Touch() => UpdatedAt = DateTimeOffset.UtcNow;
}
