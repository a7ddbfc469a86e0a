using DreamX.Domain.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Admin;

public enum MediaPreview
{
    Image,
    Audio,
    Video,
}

/// <summary>
/// Picks one file for a catalogue entry and keeps it in memory until the form is saved. A wrong type or a
/// too-large file is refused here with a message, and whatever was picked before stays.
/// </summary>
public partial class MediaPicker
{
    /// <summary>Images up to this size are previewed inline before saving (a data URL travels through the circuit).</summary>
    private const long InlinePreviewLimit = 2 * 1024 * 1024;

    private readonly string _inputId = "media-" + Guid.NewGuid().ToString("N")[..8];
    private string? _pickedPreview;
    private string? _error;
    private bool _reading;

    [Inject] private IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.UploadLimit Uploads { get; set; } = null!;

    [Parameter, EditorRequired] public CatalogMediaRule Rule { get; set; } = null!;
    [Parameter] public MediaPreview Preview { get; set; }
    [Parameter] public string Label { get; set; } = "";
    [Parameter] public string TestId { get; set; } = "media";

    /// <summary>A link to the file stored now, if any.</summary>
    [Parameter] public string? CurrentUrl { get; set; }

    [Parameter] public MediaUpload? Upload { get; set; }
    [Parameter] public EventCallback<MediaUpload?> UploadChanged { get; set; }

    private async Task PickAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        var file = e.File;
        if (!Rule.AllowsSize(file.Size))
        {
            _error = L.Describe(file.Size == 0 ? CatalogErrors.FileEmpty : CatalogErrors.FileTooLarge, Rule);
            return;
        }
        // Over the upload limit: neither read nor kept; the message names the wait.
        if (await Uploads.RefuseAsync() is { } refused)
        {
            _error = refused;
            return;
        }

        _reading = true;
        try
        {
            using var buffer = new MemoryStream((int)file.Size);
            await using (var stream = file.OpenReadStream(Rule.MaxBytes))
                await stream.CopyToAsync(buffer);
            var upload = new MediaUpload(file.Name, buffer.ToArray());

            var format = Rule.Check(upload);
            if (format.IsFailure)
            {
                _error = L.Describe(format.Error, Rule);
                return;
            }

            _pickedPreview = Preview == MediaPreview.Image && upload.Size <= InlinePreviewLimit
                ? $"data:{format.Value.ContentType};base64,{Convert.ToBase64String(upload.Content.Span)}"
                : null;
            await UploadChanged.InvokeAsync(upload);
        }
        catch (IOException)
        {
            _error = L["Error.FileUnreadable"];
        }
        finally
        {
            _reading = false;
        }
    }

    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
