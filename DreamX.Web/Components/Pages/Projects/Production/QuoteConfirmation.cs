using DreamX.Domain.Credits;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>
/// Asks the creator to confirm a quote against what it is checked with: the wallet and the project's budget, both
/// read now (the budget counted as the queue counts it, with what unfinished tasks hold). The board and the canvas confirm through this, so they show the same dialog with the same figures.
/// </summary>
public sealed class QuoteConfirmation(IDialogService dialogs, ICreditLedger credits, ProjectLibrary projects)
{
    /// <returns>True only when the creator confirmed an affordable quote.</returns>
    public async Task<bool> ConfirmAsync(string ownerId, Guid projectId, string stepTitle, ProductionQuote quote)
    {
        var budget = await projects.GetBudgetAsync(ownerId, projectId);
        return await QuoteDialog.ConfirmAsync(dialogs, stepTitle, quote, await credits.GetBalanceAsync(ownerId), budget);
    }
}
