using DreamX.Domain.Generation;
using DreamX.Infrastructure.Administration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>The editable price list: credits and estimated time per task type and quality, saved row by row.</summary>
public sealed partial class AdminPrices
{
    [Inject] private CreditPriceBook Prices { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private List<EditableLine> _lines = [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() =>
        _lines = (await Prices.ListAsync()).Select(p => new EditableLine(p.TaskType, p.Quality, p.IsDefault) { Credits = p.Credits, EstimatedSeconds = p.EstimatedSeconds }).ToList();

    private async Task SaveAsync(EditableLine line)
    {
        var result = await Prices.SaveAsync(line.TaskType, line.Quality, line.Credits, line.EstimatedSeconds);
        if (result.IsSuccess)
        {
            Snackbar.Add(L["Prices.Saved"], Severity.Success);
            await LoadAsync();
        }
        else
        {
            Snackbar.Add(L[$"Error.{result.Error}"], Severity.Error);
        }
    }

    private sealed class EditableLine(GenerationTaskType taskType, GenerationQuality quality, bool isDefault)
    {
        public GenerationTaskType TaskType { get; } = taskType;
        public GenerationQuality Quality { get; } = quality;
        public bool IsDefault { get; } = isDefault;
        public int Credits { get; set; }
        public int EstimatedSeconds { get; set; }
    }
}
