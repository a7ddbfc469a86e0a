using DreamX.Infrastructure.Audit;
using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Providers.Administration;

/// <summary>A provider as the admin page shows it: never the key itself, only whether one is stored.</summary>
public sealed record ProviderSummary(
    Guid Id, string Name, ProviderKind Kind, ProviderCapabilities Capabilities, string? BaseUrl, bool HasApiKey,
    string? TextModel, string? ImageModel, string? SpeechModel, int QualityScore, int SpeedScore, int Priority, bool Enabled,
    IReadOnlyDictionary<string, decimal> Prices, bool AcceptsReferenceImages = false)
{
    public string? VideoModel { get; init; }
    public VideoModelSettings? VideoSettings { get; init; }

    /// <summary>Whether completion callbacks from this provider are accepted (a callback secret is set).</summary>
    public bool HasCallbackSecret { get; init; }
}

/// <summary>What a "test connection" found: the model that answered and how long it took, or the provider's reason.</summary>
public sealed record ConnectionTestResult(bool Succeeded, ProviderCapabilities Capability, string? Model, string? Error, TimeSpan Elapsed);

/// <summary>What the admin typed. A blank <see cref="NewApiKey"/> keeps the stored key.</summary>
public sealed class ProviderEdit
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public string? NewApiKey { get; set; }
    public bool Text { get; set; }
    public bool Image { get; set; }
    public bool Speech { get; set; }
    public string? TextModel { get; set; }
    public string? ImageModel { get; set; }
    public string? SpeechModel { get; set; }
    public decimal TextInputPer1K { get; set; }
    public decimal TextOutputPer1K { get; set; }
    public decimal ImagePrice { get; set; }
    public decimal SpeechPer1KChars { get; set; }
    public int QualityScore { get; set; } = 5;
    public int SpeedScore { get; set; } = 5;
    public int Priority { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The API shape: OpenAI-compatible (its /videos for video), or Volcengine Ark (Seedream images, Seedance video).</summary>
    public ProviderKind Kind { get; set; } = ProviderKind.OpenAICompatible;

    /// <summary>The image model takes reference pictures: frames with characters are sent their reference sheets.</summary>
    public bool AcceptsReferenceImages { get; set; }
    public bool Video { get; set; }
    public string? VideoModel { get; set; }
    public decimal VideoPerSecond { get; set; }

    /// <summary>Allowed clip lengths in seconds, comma separated ("5, 10" or "4, 8, 12").</summary>
    public string VideoDurations { get; set; } = "5, 10";
    public string VideoRatios { get; set; } = "16:9, 9:16, 1:1";
    public string VideoResolutions { get; set; } = "720p";
    public bool VideoNativeAudio { get; set; }
    public int VideoTimeoutMinutes { get; set; } = 20;

    public static ProviderEdit From(ProviderSummary p) => FromSummary(p).WithVideo(p);

    private ProviderEdit WithVideo(ProviderSummary p)
    {
        Kind = p.Kind;
        Video = p.Capabilities.HasFlag(ProviderCapabilities.Video);
        VideoModel = p.VideoModel;
        VideoPerSecond = p.Prices.GetValueOrDefault(ProviderPrices.VideoPerSecond);
        if (p.VideoSettings is { } v)
        {
            VideoDurations = string.Join(", ", v.Durations);
            VideoRatios = string.Join(", ", v.Ratios);
            VideoResolutions = string.Join(", ", v.Resolutions);
            VideoNativeAudio = v.NativeAudio;
            VideoTimeoutMinutes = v.TimeoutMinutes;
        }
        return this;
    }

    /// <summary>The video settings as typed, or null with the error code when a list cannot be read.</summary>
    public (VideoModelSettings? Settings, string? Error) ReadVideoSettings()
    {
        var durations = new List<int>();
        foreach (var part in Split(VideoDurations))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 60)
                return (null, ProviderSettings.Errors.VideoDurations);
            durations.Add(seconds);
        }
        var ratios = Split(VideoRatios).ToList();
        var resolutions = Split(VideoResolutions).ToList();
        if (durations.Count == 0 || ratios.Count == 0 || ratios.Any(r => VideoFit.RatioValue(r) is null)
            || resolutions.Count == 0 || resolutions.Any(r => VideoFit.ShortSide(r) is null && VideoFit.Size(r) is null))
            return (null, durations.Count == 0 ? ProviderSettings.Errors.VideoDurations : ProviderSettings.Errors.VideoShapes);
        if (VideoTimeoutMinutes is < 1 or > 24 * 60)
            return (null, ProviderSettings.Errors.VideoTimeout);
        return (new VideoModelSettings
        {
            Durations = durations.Distinct().Order().ToList(), Ratios = ratios, Resolutions = resolutions,
            NativeAudio = VideoNativeAudio, TimeoutMinutes = VideoTimeoutMinutes,
        }, null);
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ProviderEdit FromSummary(ProviderSummary p) => new()
    {
        Id = p.Id, Name = p.Name, BaseUrl = p.BaseUrl ?? "",
        Text = p.Capabilities.HasFlag(ProviderCapabilities.Text), Image = p.Capabilities.HasFlag(ProviderCapabilities.Image),
        Speech = p.Capabilities.HasFlag(ProviderCapabilities.Speech),
        TextModel = p.TextModel, ImageModel = p.ImageModel, SpeechModel = p.SpeechModel,
        TextInputPer1K = p.Prices.GetValueOrDefault(ProviderPrices.TextInputPer1K), TextOutputPer1K = p.Prices.GetValueOrDefault(ProviderPrices.TextOutputPer1K),
        ImagePrice = p.Prices.GetValueOrDefault(ProviderPrices.Image), SpeechPer1KChars = p.Prices.GetValueOrDefault(ProviderPrices.SpeechPer1KChars),
        QualityScore = p.QualityScore, SpeedScore = p.SpeedScore, Priority = p.Priority, Enabled = p.Enabled,
        Kind = p.Kind, AcceptsReferenceImages = p.AcceptsReferenceImages,
    };
}

/// <summary>
/// Admins add, edit, switch off and remove OpenAI-compatible providers; keys are encrypted before they are stored
/// and the router sees the change at once.
/// </summary>
public sealed class ProviderSettings(
    IDbContextFactory<DreamXDbContext> contexts,
    ProviderKeyProtector keys,
    ProviderCatalog catalog,
    OutboundUrlGuard guard,
    OutboundHttp outbound,
    IOptions<OpenAICompatibleOptions> httpOptions,
    Audit.AuditTrail audit,
    TimeProvider time)
{
    /// <summary>Error codes the page localises.</summary>
    public static class Errors
    {
        public const string NameRequired = "Providers.Error.NameRequired";
        public const string NameTaken = "Providers.Error.NameTaken";
        public const string BaseUrlInvalid = "Providers.Error.BaseUrlInvalid";
        public const string BaseUrlInternal = "Providers.Error.BaseUrlInternal";
        public const string NoCapability = "Providers.Error.NoCapability";
        public const string ModelMissing = "Providers.Error.ModelMissing";
        public const string ScoreRange = "Providers.Error.ScoreRange";
        public const string NotFound = "Providers.Error.NotFound";
        public const string ArkImagesOnly = "Providers.Error.ArkImagesOnly";
        public const string VideoDurations = "Providers.Error.VideoDurations";
        public const string VideoShapes = "Providers.Error.VideoShapes";
        public const string VideoTimeout = "Providers.Error.VideoTimeout";
    }

    public async Task<IReadOnlyList<ProviderSummary>> ListAsync(CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProviderConfigs.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return rows.Select(p => new ProviderSummary(p.Id, p.Name, p.Kind, p.Capabilities, p.BaseUrl, !string.IsNullOrEmpty(p.ProtectedApiKey),
            p.TextModel, p.ImageModel, p.SpeechModel, p.QualityScore, p.SpeedScore, p.Priority, p.Enabled, p.Prices, p.AcceptsReferenceImages)
        {
            VideoModel = p.VideoModel, VideoSettings = p.VideoSettings, HasCallbackSecret = !string.IsNullOrEmpty(p.ProtectedCallbackSecret),
        }).ToList();
    }

    public async Task<Result<Guid>> SaveAsync(ProviderEdit edit, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        if (Validate(edit) is { } error)
            return Result.Failure<Guid>(error);
        var (videoSettings, videoError) = edit.Video ? edit.ReadVideoSettings() : (new VideoModelSettings(), null);
        if (videoError is not null)
            return Result.Failure<Guid>(videoError);
        // Loopback, private, link-local (metadata) hosts are refused unless allowlisted for a local model server.
        if (await guard.WhyInternalAsync(new Uri(edit.BaseUrl.Trim()), cancellationToken) is not null)
            return Result.Failure<Guid>(Errors.BaseUrlInternal);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = edit.Name.Trim();
        if (await db.ProviderConfigs.AnyAsync(p => p.Name == name && p.Id != edit.Id, cancellationToken))
            return Result.Failure<Guid>(Errors.NameTaken);

        ProviderConfig config;
        if (edit.Id is { } id)
        {
            config = await db.ProviderConfigs.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? new ProviderConfig();
            if (config.Id != id || config.Kind == ProviderKind.Builtin)
                return Result.Failure<Guid>(Errors.NotFound);
        }
        else
        {
            config = new ProviderConfig { Kind = edit.Kind == ProviderKind.VolcengineArk ? ProviderKind.VolcengineArk : ProviderKind.OpenAICompatible };
            db.ProviderConfigs.Add(config);
        }
        if (config.Kind == ProviderKind.Builtin)
            return Result.Failure<Guid>(Errors.NotFound);

        config.Name = name;
        config.Kind = edit.Kind;
        config.AcceptsReferenceImages = edit.Image && edit.AcceptsReferenceImages;
        config.BaseUrl = edit.BaseUrl.Trim();
        if (!string.IsNullOrWhiteSpace(edit.NewApiKey))
            config.ProtectedApiKey = keys.Protect(edit.NewApiKey.Trim());
        config.Capabilities = (edit.Text ? ProviderCapabilities.Text : 0) | (edit.Image ? ProviderCapabilities.Image : 0) | (edit.Speech ? ProviderCapabilities.Speech : 0);
        config.TextModel = edit.Text ? edit.TextModel?.Trim() : null;
        config.ImageModel = edit.Image ? edit.ImageModel?.Trim() : null;
        config.SpeechModel = edit.Speech ? edit.SpeechModel?.Trim() : null;
        if (edit.Video)
            config.Capabilities |= ProviderCapabilities.Video;
        config.VideoModel = edit.Video ? edit.VideoModel?.Trim() : null;
        config.VideoSettings = videoSettings!;
        config.Prices = new Dictionary<string, decimal>
        {
            [ProviderPrices.TextInputPer1K] = edit.TextInputPer1K,
            [ProviderPrices.TextOutputPer1K] = edit.TextOutputPer1K,
            [ProviderPrices.Image] = edit.ImagePrice,
            [ProviderPrices.SpeechPer1KChars] = edit.SpeechPer1KChars,
            [ProviderPrices.VideoPerSecond] = edit.VideoPerSecond,
        };
        config.QualityScore = edit.QualityScore;
        config.SpeedScore = edit.SpeedScore;
        config.Priority = edit.Priority;
        config.Enabled = edit.Enabled;
        config.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.ProviderChanged, subject: config.Name,
            details: $"{config.BaseUrl} · {config.Capabilities} · {(config.Enabled ? "enabled" : "disabled")}", cancellationToken: cancellationToken);
        if (!string.IsNullOrWhiteSpace(edit.NewApiKey))
            await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.ProviderKeyChanged, subject: config.Name, cancellationToken: cancellationToken);
        return Result.Success(config.Id);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.ProviderConfigs.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        var deleted = await db.ProviderConfigs.Where(p => p.Id == id && p.Kind != ProviderKind.Builtin).ExecuteDeleteAsync(cancellationToken);
        catalog.Invalidate();
        if (deleted == 1)
            await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.ProviderRemoved, subject: name, cancellationToken: cancellationToken);
        return deleted == 1 ? Result.Success() : Result.Failure(Errors.NotFound);
    }

    /// <summary>
    /// Makes a new secret for the provider's completion callbacks (the old one stops working at once) and returns it:
    /// the only time it is shown. The worker signs its callbacks with it (<see cref="Webhooks.WebhookSignature"/>).
    /// </summary>
    public async Task<Result<string>> NewCallbackSecretAsync(Guid id, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var config = await db.ProviderConfigs.FirstOrDefaultAsync(p => p.Id == id && p.Kind != ProviderKind.Builtin, cancellationToken);
        if (config is null)
            return Result.Failure<string>(Errors.NotFound);
        var secret = "whcb_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        config.ProtectedCallbackSecret = keys.Protect(secret);
        config.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.ProviderKeyChanged, subject: config.Name, details: "callback secret", cancellationToken: cancellationToken);
        return Result.Success(secret);
    }

    /// <summary>Stops accepting completion callbacks from the provider (its jobs are polled as before).</summary>
    public async Task<Result> RemoveCallbackSecretAsync(Guid id, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.ProviderConfigs.Where(p => p.Id == id && p.Kind != ProviderKind.Builtin)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ProtectedCallbackSecret, (string?)null), cancellationToken);
        if (changed == 0)
            return Result.Failure(Errors.NotFound);
        await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.ProviderKeyChanged, subject: id.ToString(), details: "callback secret removed", cancellationToken: cancellationToken);
        return Result.Success();
    }

    /// <summary>The capabilities for which the built-in providers may stand in for configured ones that failed.</summary>
    public async Task<ProviderCapabilities> BuiltinFallbackAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProviderConfigs.Where(p => p.Kind == ProviderKind.Builtin).Select(p => p.FallbackCapabilities).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets <see cref="BuiltinFallbackAsync"/> (kept on the built-in row, which is created when missing).</summary>
    public async Task<Result> SaveBuiltinFallbackAsync(ProviderCapabilities capabilities, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProviderConfigs.FirstOrDefaultAsync(p => p.Kind == ProviderKind.Builtin, cancellationToken);
        if (row is null)
        {
            if (await db.ProviderConfigs.AnyAsync(p => p.Name == BuiltinProviders.Name, cancellationToken))
                return Result.Failure(Errors.NameTaken);
            row = new ProviderConfig
            {
                Name = BuiltinProviders.Name, Kind = ProviderKind.Builtin, Enabled = true, QualityScore = 3, SpeedScore = 8,
                Capabilities = ProviderCapabilities.Text | ProviderCapabilities.Image | ProviderCapabilities.Speech | ProviderCapabilities.Clip | ProviderCapabilities.Video,
            };
            db.ProviderConfigs.Add(row);
        }
        row.FallbackCapabilities = capabilities & (ProviderCapabilities.Text | ProviderCapabilities.Image | ProviderCapabilities.Speech | ProviderCapabilities.Clip | ProviderCapabilities.Video);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return Result.Success();
    }

    /// <summary>
    /// "Test connection": one small real call of <paramref name="capability"/> to the saved provider (a tiny JSON answer,
    /// a 256 px image, a short spoken line), with the same checks as in production. Never throws for the provider's sake.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(Guid id, ProviderCapabilities capability, CancellationToken cancellationToken)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var config = await db.ProviderConfigs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Kind != ProviderKind.Builtin, cancellationToken);
        if (config is null)
            return new ConnectionTestResult(false, capability, null, Errors.NotFound, TimeSpan.Zero);
        var started = time.GetTimestamp();
        try
        {
            if (capability == ProviderCapabilities.Video)
            {
                var video = await catalog.VideoProviderByNameAsync(config.Name, cancellationToken)
                    ?? throw new ProviderFailure(config.Name, "The provider has no video model configured.", isTransient: false);
                await video.CheckAsync(cancellationToken);
                return new ConnectionTestResult(true, capability, video.Model, null, time.GetElapsedTime(started));
            }
            var provider = new OpenAICompatibleProvider(config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time);
            var usage = capability switch
            {
                ProviderCapabilities.Image when config.Kind == ProviderKind.VolcengineArk => (await new VolcengineArk.ArkImageProvider(
                    config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time).GenerateImageAsync(
                    new ImageRequest("A plain test card: a blue circle on a white background.", 256, 256, "flat", [], ImageKind.StyleSample), cancellationToken)).Usage,
                ProviderCapabilities.Text => (await provider.CompleteJsonAsync(new TextRequest(GenerationTaskType.ImproveIdea, "en",
                    "You check that an API works.", "Reply with {\"ok\": true}.", "{}",
                    """{"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}}"""), cancellationToken)).Usage,
                ProviderCapabilities.Image => (await provider.GenerateImageAsync(
                    new ImageRequest("A plain test card: a blue circle on a white background.", 256, 256, "flat", [], ImageKind.StyleSample), cancellationToken)).Usage,
                ProviderCapabilities.Speech => (await provider.SynthesizeAsync(
                    new SpeechRequest("Testing the connection: one, two, three.", "en", "alloy"), cancellationToken)).Usage,
                _ => throw new ProviderFailure(config.Name, $"{capability} cannot be tested.", isTransient: false),
            };
            return new ConnectionTestResult(true, capability, usage.Model, null, time.GetElapsedTime(started));
        }
        catch (ProviderFailure failure)
        {
            return new ConnectionTestResult(false, capability, null, failure.Message, time.GetElapsedTime(started));
        }
    }

    private static string? Validate(ProviderEdit edit)
    {
        if (string.IsNullOrWhiteSpace(edit.Name))
            return Errors.NameRequired;
        if (!Uri.TryCreate(edit.BaseUrl?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Errors.BaseUrlInvalid;
        if (!edit.Text && !edit.Image && !edit.Speech && !edit.Video)
            return Errors.NoCapability;
        if (edit.Kind == ProviderKind.VolcengineArk && (edit.Text || edit.Speech))
            return Errors.ArkImagesOnly;
        if (edit.Kind is not (ProviderKind.OpenAICompatible or ProviderKind.VolcengineArk))
            return Errors.NotFound;
        if (edit.Video && string.IsNullOrWhiteSpace(edit.VideoModel))
            return Errors.ModelMissing;
        if ((edit.Text && string.IsNullOrWhiteSpace(edit.TextModel)) || (edit.Image && string.IsNullOrWhiteSpace(edit.ImageModel))
            || (edit.Speech && string.IsNullOrWhiteSpace(edit.SpeechModel)))
            return Errors.ModelMissing;
        if (edit.QualityScore is < 1 or > 10 || edit.SpeedScore is < 1 or > 10)
            return Errors.ScoreRange;
        return null;
    }
}
