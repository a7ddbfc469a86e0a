using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Providers.Builtin.Illustration;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// The offline illustrator: draws shot frames, character portraits, scene key art, covers and style samples as flat,
/// stylised pictures from the request's structured fields. The same request always gives the same PNG bytes.
/// </summary>
public sealed class BuiltinIllustrator : IImageProvider
{
    public const string ProviderName = BuiltinProviders.Name;
    public const string ModelName = "builtin-illustrator-1";
    private const int MaxSide = 4096;

    public string Name => ProviderName;

    public Task<ImageResponse> GenerateImageAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Width is <= 0 or > MaxSide || request.Height is <= 0 or > MaxSide)
            throw new ProviderFailure(Name, $"Image size {request.Width}x{request.Height} is outside 1-{MaxSide} pixels.", isTransient: false);

        var png = Render(request);
        return Task.FromResult(new ImageResponse(png, "image/png", new ProviderUsage(Name, ModelName)));
    }

    private static byte[] Render(ImageRequest request)
    {
        var info = new SKImageInfo(request.Width, request.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var palette = StylePalette.From(request.StylePalette);
        var random = new StableRandom(StableHash.Of($"{request.Seed}|{request.Kind}|{request.StyleName}|{request.Setting}|{request.Prompt}"));
        var plan = FramePlan.Of(request);
        var looks = plan.Looks;

        switch (request.Kind)
        {
            case ImageKind.CharacterPortrait:
                PaintPortrait(canvas, request, palette, looks, random);
                break;
            case ImageKind.SceneKeyArt or ImageKind.Cover:
                PaintScene(canvas, request, palette, plan, ShotFraming.For(request.ShotType ?? ShotType.Wide), random);
                PaintVignette(canvas, request.Width, request.Height);
                PaintTitle(canvas, request, palette, large: request.Kind == ImageKind.Cover);
                break;
            case ImageKind.StyleSample:
                PaintScene(canvas, request, palette, plan, ShotFraming.For(ShotType.Wide), random);
                PaintVignette(canvas, request.Width, request.Height);
                PaintSwatches(canvas, request);
                break;
            default:
                PaintScene(canvas, request, palette, plan, ShotFraming.For(request.ShotType ?? ShotType.Medium), random);
                PaintVignette(canvas, request.Width, request.Height);
                PaintCaptionStrip(canvas, request);
                break;
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void PaintScene(SKCanvas canvas, ImageRequest request, StylePalette palette, FramePlan plan, ShotFraming framing, StableRandom random)
    {
        var looks = plan.Looks;
        if (framing.BlurBackground)
        {
            // A shallow depth of field keeps a close-up on the face.
            var sigma = Math.Min(request.Width, request.Height) * 0.012f;
            using var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
            canvas.SaveLayer(blur);
            SettingPainter.Paint(canvas, request.Width, request.Height, framing.Horizon, palette, request.Setting, random);
            canvas.Restore();
        }
        else
        {
            SettingPainter.Paint(canvas, request.Width, request.Height, framing.Horizon, palette, request.Setting, random);
        }

        var figures = looks.Take(framing.MaxFigures).ToList();
        for (var i = 0; i < figures.Count; i++)
        {
            canvas.Save();
            canvas.SetMatrix(framing.Place(i, figures.Count, request.Width, request.Height, figures[i], random));
            FigurePainter.Paint(canvas, figures[i], plan.Expression);
            canvas.Restore();
        }
        if (plan.Rain)
            FramePlan.PaintRain(canvas, request.Width, request.Height, random);
    }

    private static void PaintPortrait(SKCanvas canvas, ImageRequest request, StylePalette palette, IReadOnlyList<CharacterLook> looks, StableRandom random)
    {
        int width = request.Width, height = request.Height;
        using var backdrop = new SKPaint
        {
            Shader = SKShader.CreateRadialGradient(new SKPoint(width / 2f, height * 0.38f), Math.Max(width, height) * 0.75f,
                [StylePalette.Mix(palette.SkyBottom, palette.Light, 0.3f), palette.SkyTop], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, height, backdrop);
        using var ring = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = palette.Accent.WithAlpha(120), StrokeWidth = Math.Min(width, height) * 0.012f };
        canvas.DrawCircle(width / 2f, height * 0.36f, Math.Min(width, height) * 0.34f, ring);

        var look = looks.FirstOrDefault() ?? CharacterLook.Of(new ImageCharacter(request.Caption ?? "?", request.Prompt));
        canvas.Save();
        canvas.SetMatrix(ShotFraming.For(ShotType.MediumCloseUp).Place(0, 1, width, height, look, random));
        FigurePainter.Paint(canvas, look, Expression.Neutral);
        canvas.Restore();
        PaintVignette(canvas, width, height);

        // The name on a banner, and the caption (an occupation, a tagline) under it when there is one.
        var nameSize = Math.Min(width, height) * 0.075f;
        using var nameFont = TextPainter.Font(nameSize, bold: true);
        var bannerHeight = nameSize * (request.Caption is { Length: > 0 } && looks.Count > 0 ? 2.6f : 1.8f);
        using var banner = new SKPaint { Color = StylePalette.Mix(palette.SkyTop, SKColors.Black, 0.3f).WithAlpha(215) };
        canvas.DrawRect(0, height - bannerHeight, width, bannerHeight, banner);
        using var stripe = new SKPaint { Color = palette.Accent };
        canvas.DrawRect(0, height - bannerHeight, width, Math.Max(2, nameSize * 0.08f), stripe);
        TextPainter.DrawCentred(canvas, look.Name, width / 2f, height - bannerHeight + nameSize * 1.25f, nameFont, SKColors.White);
        if (request.Caption is { Length: > 0 } caption && looks.Count > 0)
        {
            using var subFont = TextPainter.Font(nameSize * 0.5f);
            var line = TextPainter.Wrap(caption, subFont, width * 0.9f, 1).FirstOrDefault() ?? "";
            TextPainter.DrawCentred(canvas, line, width / 2f, height - nameSize * 0.55f, subFont, palette.Light, shadow: false);
        }
    }

    private static void PaintCaptionStrip(SKCanvas canvas, ImageRequest request)
    {
        if (request.Caption is not { Length: > 0 } caption)
            return;
        int width = request.Width, height = request.Height;
        var size = Math.Min(width, height) * 0.048f;
        using var font = TextPainter.Font(size, bold: true);
        var lines = TextPainter.Wrap(caption, font, width * 0.88f, 3);
        var lineHeight = size * 1.35f;
        var stripHeight = lines.Count * lineHeight + size * 1.2f;
        var top = height - stripHeight - height * 0.05f;
        using var strip = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, top - size), new SKPoint(0, top + stripHeight),
                [SKColors.Transparent, new SKColor(0, 0, 0, 150), new SKColor(0, 0, 0, 150)], [0, 0.3f, 1], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, top - size, width, stripHeight + size, strip);
        for (var i = 0; i < lines.Count; i++)
            TextPainter.DrawCentred(canvas, lines[i], width / 2f, top + size * 0.6f + lineHeight * (i + 0.8f), font, SKColors.White);
    }

    private static void PaintTitle(SKCanvas canvas, ImageRequest request, StylePalette palette, bool large)
    {
        if (request.Caption is not { Length: > 0 } title)
            return;
        int width = request.Width, height = request.Height;
        var size = Math.Min(width, height) * (large ? 0.11f : 0.07f);
        using var font = TextPainter.Font(size, bold: true);
        var lines = TextPainter.Wrap(title, font, width * 0.86f, 2);
        var top = height * 0.09f;
        for (var i = 0; i < lines.Count; i++)
            TextPainter.DrawCentred(canvas, lines[i], width / 2f, top + size * (1 + i * 1.25f), font, palette.Light);
        using var rule = new SKPaint { Color = palette.Accent };
        var ruleY = top + size * (lines.Count * 1.25f + 0.2f);
        canvas.DrawRect(width * 0.38f, ruleY, width * 0.24f, Math.Max(2, size * 0.07f), rule);
    }

    private static void PaintSwatches(SKCanvas canvas, ImageRequest request)
    {
        int width = request.Width, height = request.Height;
        var colours = request.StylePalette.Select(hex => SKColor.TryParse(hex, out var c) ? c : SKColors.Gray).Take(6).ToList();
        if (colours.Count == 0)
            return;
        var size = Math.Min(width, height) * 0.09f;
        var left = (width - colours.Count * size * 1.2f) / 2;
        using var edge = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColors.White, StrokeWidth = size * 0.06f };
        for (var i = 0; i < colours.Count; i++)
        {
            using var fill = new SKPaint { IsAntialias = true, Color = colours[i] };
            var cx = left + size * (0.6f + i * 1.2f);
            canvas.DrawCircle(cx, height - size * 1.2f, size / 2, fill);
            canvas.DrawCircle(cx, height - size * 1.2f, size / 2, edge);
        }
        using var font = TextPainter.Font(size * 0.55f, bold: true);
        TextPainter.DrawCentred(canvas, request.StyleName, width / 2f, height - size * 2.2f, font, SKColors.White);
    }

    private static void PaintVignette(SKCanvas canvas, int width, int height)
    {
        using var vignette = new SKPaint
        {
            Shader = SKShader.CreateRadialGradient(new SKPoint(width / 2f, height / 2f), (float)Math.Sqrt(width * width + height * height) / 2,
                [SKColors.Transparent, new SKColor(0, 0, 0, 110)], [0.55f, 1f], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, height, vignette);
    }
}
