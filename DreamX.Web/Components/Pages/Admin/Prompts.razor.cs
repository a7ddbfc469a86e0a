using DreamX.Domain.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admins edit the prompts of each writing stage, per genre and language, starting from the built-in ones.</summary>
public partial class Prompts
{
    private const string AnyLanguage = "";

    private IReadOnlyList<PromptTemplate> _templates = [];
    private GenerationTaskType _stage = GenerationTaskType.StoryBible;
    private string? _genre;
    private string _language = AnyLanguage;
    private string _system = "";
    private string _user = "";
    private string? _error;

    [Inject] private IStringLocalizer<PromptText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private PromptTemplates Templates { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        UseDefault();
        _templates = await Templates.ListAsync();
    }

    private void NewTemplate()
    {
        _genre = null;
        _language = AnyLanguage;
        UseDefault();
    }

    private void UseDefault()
    {
        var defaults = StagePrompts.DefaultFor(_stage);
        _system = defaults.System;
        _user = defaults.User;
        _error = null;
    }

    private void Edit(PromptTemplate template)
    {
        _stage = template.Stage;
        _genre = template.Genre;
        _language = template.Language ?? AnyLanguage;
        _system = template.SystemPrompt;
        _user = template.UserPrompt;
        _error = null;
    }

    private async Task SaveAsync()
    {
        var draft = new PromptTemplateDraft(_stage, _genre, _language == AnyLanguage ? null : _language, _system, _user);
        var errors = PromptTemplates.Validate(draft);
        if (errors.Count > 0)
        {
            _error = L[$"Error.{errors[0].Code}", errors[0].Arguments];
            return;
        }
        var saved = await Templates.SaveAsync(draft, await User.GetIdAsync());
        if (saved.IsFailure)
        {
            _error = L[$"Error.{saved.Error}"];
            return;
        }
        _error = null;
        Snackbar.Add(L["Saved"], Severity.Success);
        _templates = await Templates.ListAsync();
    }

    private async Task DeleteAsync(PromptTemplate template)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = L["Title"],
            Message = L["DeleteConfirm"],
            YesText = T["Common.Delete"],
            CancelText = T["Common.Cancel"],
        });
        if (confirmed != true)
            return;
        await Templates.DeleteAsync(template.Id);
        Snackbar.Add(L["Deleted"], Severity.Success);
        _templates = await Templates.ListAsync();
    }
}
