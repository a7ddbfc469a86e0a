using System.Diagnostics;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;
using FFMpegCore;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>
/// An episode on local files for compose tests and the compose benchmark: SkiaSharp stills (a coloured
/// frame with the shot number) and espeak-ng speech. Two shots per scene; camera moves cycle.
/// </summary>
public static class SampleEpisode
{
    public static async Task<List<TimelineShot>> CreateAsync(
        string folder, IReadOnlyList<string?> lines, double shotSeconds, int stillWidth, int stillHeight, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var moves = Enum.GetValues<CameraMove>();
        var shots = new List<TimelineShot>();
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var image = Path.Combine(folder, $"shot{number}.png");
            WriteStill(image, number, stillWidth, stillHeight);
            SpokenAudio? audio = null;
            if (lines[i] is { } line)
            {
                var wav = Path.Combine(folder, $"line{number}.wav");
                await SpeakAsync(line, wav, cancellationToken);
                var seconds = (await FFProbe.AnalyseAsync(wav, cancellationToken: cancellationToken)).Duration.TotalSeconds;
                audio = new SpokenAudio(wav, seconds, line, number % 3 == 0 ? null : (number % 2 == 0 ? "Lin" : "Mei"));
            }

            shots.Add(new TimelineShot(number, i / 2 + 1, shotSeconds, image, CameraMove: moves[i % moves.Length], Audio: audio,
                Transition: number % 4 == 2 ? ShotTransition.Crossfade : null));
        }

        return shots;
    }

    public static void WriteStill(string path, int number, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            var hue = number * 47 % 360;
            using var background = new SKPaint();
            background.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [SKColor.FromHsl(hue, 60, 45), SKColor.FromHsl((hue + 60) % 360, 70, 20)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, background);
            using var shape = new SKPaint { Color = SKColor.FromHsl((hue + 180) % 360, 70, 60), IsAntialias = true };
            canvas.DrawCircle(width * 0.3f, height * 0.35f, Math.Min(width, height) * 0.18f, shape);
            using var grid = new SKPaint { Color = new SKColor(255, 255, 255, 60), StrokeWidth = 3 };
            for (var x = 0; x < width; x += width / 8) canvas.DrawLine(x, 0, x, height, grid);
            for (var y = 0; y < height; y += height / 8) canvas.DrawLine(0, y, width, y, grid);
            using var font = new SKFont(SKTypeface.Default, Math.Min(width, height) * 0.2f);
            using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText($"SHOT {number}", width * 0.1f, height * 0.6f, font, ink);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static async Task SpeakAsync(string text, string wavPath, CancellationToken cancellationToken)
    {
        var voice = text.Any(c => c > 0x2E80) ? "cmn" : "en-us";
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-v", voice, "-s", "165", "-w", wavPath, text }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }
}
