using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Identity;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Tasks;

[Collection(UiCollection.Name)]
public sealed class TaskCenterTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_failed_task_shows_its_reason_and_retry_queues_it_again()
    {
        var page = await Ui.NewPageAsync();
        var email = $"tasks-{Guid.NewGuid():N}@example.com";
        await new RegisterPage(page).OpenAsync().ContinueWith(t => t.Result.RegisterAsync(email, "night-shift-7", "Tasks")).Unwrap();
        await Expect(page.Locator("[data-testid='user-menu']")).ToBeVisibleAsync();
        // A shot-image task whose inputs are not an image request fails with a clear reason.
        var task = await QueueTaskAsync(email);

        await page.GotoAsync("/tasks");
        await new TasksPage(page).WaitForInteractiveAsync();

        var row = page.Locator($"[data-task-id='{task.Id}']").Locator("xpath=..");
        await Expect(row.Locator("[data-testid='task-status']")).ToHaveTextAsync("Failed");
        // The creator reads why in words, with the task's project; the stored error stays in the log and the admin's view.
        await Expect(row.Locator("[data-testid='task-error']")).ToContainTextAsync("What it was made from changed meanwhile");
        await Expect(row).Not.ToContainTextAsync("the task's inputs cannot be read");
        await Expect(row.Locator("[data-testid='task-project']")).ToHaveTextAsync("Task center");
        await UiFixture.ScreenshotAsync(page, "tasks-failed");

        await row.Locator("[data-testid='task-retry']").ClickAsync();

        await Expect(page.Locator("[data-testid='task-row']")).ToHaveCountAsync(2);
        await UiFixture.ScreenshotAsync(page, "tasks-retried");
    }

    private async Task<GenerationTask> QueueTaskAsync(string email)
    {
        await using var scope = Ui.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(user!.Id, CreditEntryKind.Adjusted, 50, "grant:" + email, "test");
        var project = Project.Create(user.Id, new CheckpointInput { Title = "Task center" });
        await using (var db = Ui.App.Database.CreateContext())
        {
            db.Projects.Add(project);
            await db.SaveChangesAsync();
        }
        var queued = await scope.ServiceProvider.GetRequiredService<IGenerationTasks>()
            .QueueAsync(new TaskRequest(project.Id, user.Id, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(), """{"n":1}"""));
        return queued.Value;
    }

    private sealed class TasksPage(IPage page) : StudioPage(page);
}
