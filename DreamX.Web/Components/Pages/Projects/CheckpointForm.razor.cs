using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>
/// The checkpoint of SPEC §2: project type, title, language, rating, style, episodes, length, aspect ratio and the idea.
/// Every field is checked with <see cref="CheckpointRules"/>, the same rules the service applies.
/// </summary>
public partial class CheckpointForm
{
    /// <summary>
    /// How much the idea or script box holds, whatever its limit: a paste over the limit stays whole in the box (up to
    /// this) with the form's "too long" message beside it, so the creator can trim it there; nothing is cut behind their
    /// back. The circuit's receive limit (<see cref="CircuitMessageBytes"/>) is sized from it.
    /// </summary>
    public const int BoxMaxLength = 50_000;

    /// <summary>
    /// The largest message the circuit takes from a browser. The box's whole text travels in each input event as a JSON
    /// string: up to 3 bytes a character in UTF-8 (Chinese) and 6 for a control character written as \uXXXX, so
    /// <see cref="BoxMaxLength"/> characters need at most 300 KB; 512 KB leaves room for the event's envelope. SignalR's
    /// default (32 KB) dropped a 10,000-character Chinese idea on the way, silently.
    /// </summary>
    public const long CircuitMessageBytes = 512 * 1024;

    private MudForm _form = null!;
    private MudTextField<string> _ideaBox = null!;
    private bool _isValid;
    private bool _reading;
    private string? _fileMessage;
    private bool _fileFailed;
    private bool _submitted;

    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private IStringLocalizer<NoteText> Notes { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.UploadLimit Uploads { get; set; } = null!;

    private bool IsNote => Model.Type == ProjectType.RedbookNote;

    /// <summary>A music video: the song sets the length (no episodes, no duration field); <see cref="SongInput"/> takes it.</summary>
    private bool IsMv => Model.Type == ProjectType.MusicMv;

    [Parameter, EditorRequired] public CheckpointModel Model { get; set; } = new();
    [Parameter] public IReadOnlyList<StyleChoice> Styles { get; set; } = [];
    [Parameter, EditorRequired] public string SubmitLabel { get; set; } = "";
    [Parameter] public bool Busy { get; set; }

    /// <summary>A reason from the server (e.g. a style that was just removed), shown under the form.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>The creator's plan, whose limits (episodes per project) the form checks too; null: the checkpoint's rules only.</summary>
    [Parameter] public SubscriptionTier? Plan { get; set; }

    [Parameter] public EventCallback<CheckpointInput> OnSubmit { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private bool IsScript => Model.Type == ProjectType.ScriptBased;

    private int IdeaLimit => IsScript ? CheckpointRules.ScriptMaxLength : CheckpointRules.IdeaMaxLength;

    private IReadOnlyList<Domain.Common.ValidationError> Errors() =>
        Plan is { } plan ? CheckpointRules.Validate(Model.ToInput(), plan) : CheckpointRules.Validate(Model.ToInput());

    /// <summary>A script file's text replaces the box's (the same limits apply as to a paste); a file that cannot be read says why.</summary>
    private async Task UploadScriptAsync(IBrowserFile? file)
    {
        if (file is null)
            return;
        // Over the upload limit: the file is not read, the box keeps what it had, the message names the wait.
        if (await Uploads.RefuseAsync() is { } refused)
        {
            _fileFailed = true;
            _fileMessage = refused;
            return;
        }
        _reading = true;
        try
        {
            await using var stream = file.OpenReadStream(ScriptFiles.MaxBytes);
            var text = await ScriptFiles.ReadAsync(stream, file.Name, file.Size);
            _fileFailed = text.IsFailure;
            if (text.IsFailure)
            {
                _fileMessage = L.Describe(text.Error);
                return;
            }
            if (text.Value.Length > BoxMaxLength)
            {
                // More than the box can hold: the box keeps what it had, and the message says how much is too much.
                _fileFailed = true;
                _fileMessage = L["ScriptFileTooLong", text.Value.Length, CheckpointRules.ScriptMaxLength];
                return;
            }
            Model.Idea = text.Value;
            _fileMessage = L["ScriptLoaded", text.Value.Length, file.Name];
            // Only the script box is judged again: fields the creator has not reached yet say nothing.
            await _ideaBox.ValidateAsync();
        }
        catch (IOException)
        {
            // The file was bigger than it said, or the browser stopped sending it.
            _fileFailed = true;
            _fileMessage = L.Describe(ScriptFiles.Unreadable);
        }
        finally
        {
            _reading = false;
        }
    }

    private void TypeChanged(ProjectType type) => Model.ChangeType(type);

    private string StyleName(Guid? id) =>
        id is null ? L["Field.StyleNone"] : Styles.FirstOrDefault(s => s.Id == id)?.Title ?? "";

    private Func<string, string?> Rule(string field) => _ => FirstError(field);

    private Func<T, string?> RuleFor<T>(string field) => _ => FirstError(field);

    private string? FirstError(string field)
    {
        var error = Errors().FirstOrDefault(e => e.Field == field);
        return error is null ? null : L.Describe(error);
    }

    private async Task SubmitAsync()
    {
        _submitted = true;
        await _form.ValidateAsync();
        if (!_isValid || Errors().Count > 0)
            return;
        await OnSubmit.InvokeAsync(Model.ToInput());
    }
}
