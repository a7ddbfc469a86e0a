using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

/// <summary>The budget cap control on the project page and its dialog.</summary>
public sealed class ProjectBudgetPanel(IPage page) : StudioPage(page)
{
    public ILocator Spent => TestId("budget-spent");
    public ILocator Cap => TestId("budget-cap");
    public ILocator Dialog => TestId("budget-cap-dialog");

    public async Task OpenDialogAsync() => await TestId("budget-edit").ClickAsync();

    public async Task TypeCapAsync(string cap) => await Input("budget-cap-input").FillAsync(cap);

    public async Task SaveAsync() => await TestId("budget-cap-save").ClickAsync();
}
