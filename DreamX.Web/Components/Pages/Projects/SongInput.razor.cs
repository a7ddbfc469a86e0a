using DreamX.Domain.Assets;
using DreamX.Domain.MusicVideos;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>
/// The song of a music video at the checkpoint: an uploaded MP3/WAV/M4A (checked from its bytes, probed and analysed
/// on the server) or a track of the music library; the optional lyrics (plain or LRC) and excerpt. A refused file says
/// why and leaves the song chosen before in place.
/// </summary>
public partial class SongInput
{
    private IReadOnlyList<MusicTrack> _tracks = [];
    private Guid? _trackId;
    private bool _working;
    private bool _touched;
    private string? _error;

    [Inject] private IStringLocalizer<MusicVideoText> T { get; set; } = null!;
    [Inject] private IStringLocalizer<ProjectsText> Rules { get; set; } = null!;
    [Inject] private SongIntake Intake { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.UploadLimit Uploads { get; set; } = null!;
    [Inject] private MusicTrackCatalog Library { get; set; } = null!;

    [Parameter, EditorRequired] public CheckpointModel Model { get; set; } = null!;

    /// <summary>The form's message for a field (the checkpoint's rules), or null.</summary>
    [Parameter, EditorRequired] public Func<string, string?> ErrorFor { get; set; } = null!;

    /// <summary>Whether to say that a song is missing (after the creator tried to submit without one).</summary>
    [Parameter] public bool ShowMissing { get; set; }

    /// <summary>Told when the song, lyrics or excerpt changed, so the form validates again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    protected override async Task OnInitializedAsync() => _tracks = await Library.ListActiveAsync();

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
            return;
        if (file.Size > SongRules.MaxBytes)
        {
            _error = Rules.Describe(SongRules.SongFileTooLarge);
            return;
        }
        // Over the upload limit: neither read nor stored; the message names the wait.
        if (await Uploads.RefuseAsync() is { } refused)
        {
            _error = refused;
            return;
        }
        await ReceiveAsync(async () =>
        {
            await using var stream = file.OpenReadStream(SongRules.MaxBytes);
            return await Intake.ReceiveAsync(stream, file.Name, CancellationToken.None);
        });
        if (Model.Song?.TrackId is null)
            _trackId = null;
    }

    private async Task PickAsync(Guid? trackId)
    {
        _trackId = trackId;
        if (trackId is { } id)
            await ReceiveAsync(() => Intake.FromLibraryAsync(id, CancellationToken.None));
    }

    private async Task ReceiveAsync(Func<Task<Domain.Common.Result<ReceivedSong>>> receive)
    {
        _working = true;
        _error = null;
        _touched = true;
        StateHasChanged();
        try
        {
            var received = await receive();
            if (received.IsFailure)
            {
                _error = Rules.Describe(received.Error);
                return;
            }
            Model.Song?.Dispose();
            Model.Song = received.Value;
            // A new song: an excerpt of the old one means nothing.
            Model.ExcerptStartSeconds = null;
            Model.ExcerptEndSeconds = null;
        }
        catch (IOException)
        {
            // The browser stopped sending the file, or it was bigger than it said.
            _error = Rules.Describe(SongRules.SongUnreadable);
        }
        finally
        {
            _working = false;
        }
        await Changed.InvokeAsync();
    }

    private async Task ExcerptChanged(double? value, bool start)
    {
        if (start)
            Model.ExcerptStartSeconds = value;
        else
            Model.ExcerptEndSeconds = value;
        await Changed.InvokeAsync();
    }

    private async Task LyricsChanged(string value)
    {
        Model.Lyrics = value ?? "";
        await Changed.InvokeAsync();
    }

    private static string Clock(double seconds)
    {
        var whole = (int)Math.Round(seconds);
        return $"{whole / 60}:{whole % 60:00}";
    }
}
