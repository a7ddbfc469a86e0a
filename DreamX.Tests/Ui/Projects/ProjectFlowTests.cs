using System.Text.RegularExpressions;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

[Collection(UiCollection.Name)]
public sealed class ProjectFlowTests(UiFixture ui) : UiTest(ui)
{
    private const string Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone in the city is hunting for.";

    [Fact]
    public async Task A_new_creator_creates_a_project_sees_it_listed_and_opens_it()
    {
        var page = await NewCreatorPageAsync("creator", "Creator");
        var list = new ProjectListPage(page);
        await list.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-testid='project-empty']")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "projects-empty");

        var form = await list.StartNewAsync();
        await form.WaitForInteractiveAsync();
        await form.FillAsync("The Night Shift", Idea);
        await UiFixture.ScreenshotAsync(page, "projects-new");
        await form.SubmitAsync();

        // A new project opens on its canvas; the overview is one click away.
        await Expect(page).ToHaveURLAsync(new Regex("/projects/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid='canvas-heading']")).ToHaveTextAsync("The Night Shift");
        await Expect(page.Locator("[data-node-kind='checkpoint'] [data-action='generate']")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "project-canvas-new");
        var project = await new ProjectDetailsPage(page).OpenFromCanvasAsync();
        await Expect(project.Heading).ToHaveTextAsync("The Night Shift");
        await Expect(project.Idea).ToHaveTextAsync(Idea);
        await UiFixture.ScreenshotAsync(page, "project-page");

        await list.OpenAsync();
        await Expect(list.Cards).ToHaveCountAsync(1);
        await UiFixture.ScreenshotAsync(page, "projects-list");
        await list.Card("The Night Shift").Locator("[data-testid='project-open']").ClickAsync();
        await Expect(page.Locator("[data-testid='canvas-heading']")).ToHaveTextAsync("The Night Shift");
    }

    [Fact]
    public async Task The_checkpoint_form_explains_what_is_wrong_and_keeps_what_was_typed()
    {
        var page = await NewCreatorPageAsync("creator", "Creator");
        var form = await new NewProjectPage(page).OpenAsync();

        await form.FillAsync("", "too short");
        await form.SubmitAsync();

        await Expect(form.Form).ToContainTextAsync("Give the project a title.");
        await Expect(form.Form).ToContainTextAsync("at least 10 characters");
        await Expect(page).ToHaveURLAsync(new Regex("/projects/new$"));
        await Expect(page.Locator("[data-testid='checkpoint-idea']")).ToHaveValueAsync("too short");
        await UiFixture.ScreenshotAsync(page, "projects-new-errors");
    }

    [Fact]
    public async Task A_creator_renames_duplicates_and_deletes_from_the_list()
    {
        var page = await NewCreatorPageAsync("creator", "Creator");
        await CreateProjectAsync(page, "Moonlight Bakery", Idea);
        var list = await new ProjectListPage(page).OpenAsync();

        await list.OpenMenuAsync("Moonlight Bakery");
        await list.ChooseAsync("rename");
        await Input(page, "project-title-input").FillAsync("Moonlight Patisserie");
        await page.Locator("[data-testid='project-title-confirm']").ClickAsync();
        await Expect(list.Card("Moonlight Patisserie")).ToHaveCountAsync(1);

        await list.OpenMenuAsync("Moonlight Patisserie");
        await list.ChooseAsync("duplicate");
        await page.Locator("[data-testid='project-title-confirm']").ClickAsync();
        await Expect(list.Cards).ToHaveCountAsync(2);
        await Expect(list.Card("Moonlight Patisserie (copy)")).ToHaveCountAsync(1);

        await list.OpenMenuAsync("Moonlight Patisserie");
        await list.ChooseAsync("delete");
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" });
        await Expect(confirm).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "projects-delete-confirm");
        await confirm.ClickAsync();
        await Expect(list.Cards).ToHaveCountAsync(1);
        await Expect(list.Card("Moonlight Patisserie (copy)")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Another_creator_cannot_open_someone_elses_project()
    {
        var owner = await NewCreatorPageAsync("creator", "Creator");
        await CreateProjectAsync(owner, "Private Diary", Idea);
        var url = owner.Url;

        var stranger = await NewCreatorPageAsync("creator", "Creator");
        await stranger.GotoAsync(url);

        var page = new ProjectDetailsPage(stranger);
        await Expect(page.NotFound).ToBeVisibleAsync();
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync("Private Diary");
        await UiFixture.ScreenshotAsync(stranger, "project-not-found");
    }

    private static ILocator Input(IPage page, string id) =>
        page.Locator($"[data-testid='{id}'] input, input[data-testid='{id}']").First;
}
