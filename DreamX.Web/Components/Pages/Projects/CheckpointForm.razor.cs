using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>
/// The checkpoint of SPEC §2: project type, title, language, rating, style, episodes, length, aspect ratio and the idea.
/// Every field is checked with <see cref="CheckpointRules"/>, the same rules the service applies.
/// </summary>
public partial class CheckpointForm
{
    private MudForm _form = null!;
    private bool _isValid;

    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;

    [Parameter, EditorRequired] public CheckpointModel Model { get; set; } = new();
    [Parameter] public IReadOnlyList<StyleChoice> Styles { get; set; } = [];
    [Parameter, EditorRequired] public string SubmitLabel { get; set; } = "";
    [Parameter] public bool Busy { get; set; }

    /// <summary>A reason from the server (e.g. a style that was just removed), shown under the form.</summary>
    [Parameter] public string? Error { get; set; }

    [Parameter] public EventCallback<CheckpointInput> OnSubmit { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private bool IsScript => Model.Type == ProjectType.ScriptBased;

    private void TypeChanged(ProjectType type) => Model.ChangeType(type);

    private string StyleName(Guid? id) =>
        id is null ? L["Field.StyleNone"] : Styles.FirstOrDefault(s => s.Id == id)?.Title ?? "";

    private Func<string, string?> Rule(string field) => _ => FirstError(field);

    private Func<T, string?> RuleFor<T>(string field) => _ => FirstError(field);

    private string? FirstError(string field)
    {
        var error = CheckpointRules.Validate(Model.ToInput()).FirstOrDefault(e => e.Field == field);
        return error is null ? null : L.Describe(error);
    }

    private async Task SubmitAsync()
    {
        await _form.ValidateAsync();
        if (!_isValid || CheckpointRules.Validate(Model.ToInput()).Count > 0)
            return;
        await OnSubmit.InvokeAsync(Model.ToInput());
    }
}
