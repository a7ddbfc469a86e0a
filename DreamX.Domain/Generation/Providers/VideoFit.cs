using System.Globalization;

namespace DreamX.Domain.Generation.Providers;

/// <summary>A shot's length, shape and size mapped onto what a video model allows.</summary>
public sealed record VideoShape(int Seconds, string Ratio, string Resolution, int Width, int Height);

/// <summary>
/// Fits a shot onto a model: the shortest allowed length that is not shorter than the shot (the compose trims the
/// rest; the longest when the shot outlasts them all), the allowed ratio closest to the shot's, and a resolution of
/// that ratio ("720p" style, or a "1280x720" size whose orientation matches) no larger than the frame, whose short side
/// is the creator's plan's resolution.
/// </summary>
public static class VideoFit
{
    public static VideoShape For(VideoModelSettings settings, decimal shotSeconds, int frameWidth, int frameHeight)
    {
        var seconds = Seconds(settings.Durations, shotSeconds);
        var wanted = frameHeight == 0 ? 1d : frameWidth / (double)frameHeight;
        var ratio = Closest(settings.Ratios.Where(r => RatioValue(r) is not null), r => RatioValue(r)!.Value, wanted)
            ?? Simplest(frameWidth, frameHeight);
        var ratioValue = RatioValue(ratio) ?? wanted;

        // The frame's short side is the most the creator's plan allows: a model's larger sizes are left alone while it
        // offers one within it (only a model that offers nothing that small gets its smallest).
        var cap = Math.Min(frameWidth, frameHeight);
        var sized = settings.Resolutions.Select(r => (Text: r, Size: Size(r))).Where(r => r.Size is not null)
            .Select(r => (r.Text, W: r.Size!.Value.W, H: r.Size.Value.H)).ToList();
        if (sized.Count > 0)
        {
            var within = sized.Where(r => cap <= 0 || Math.Min(r.W, r.H) <= cap).ToList();
            var pool = within.Count > 0 ? within : sized.Where(r => Math.Min(r.W, r.H) == sized.Min(s => Math.Min(s.W, s.H))).ToList();
            var best = pool.OrderBy(r => Math.Round(Math.Abs(Math.Log(r.W / (double)r.H / ratioValue)), 6)).ThenByDescending(r => Math.Min(r.W, r.H)).First();
            return new VideoShape(seconds, ratio, best.Text, best.W, best.H);
        }

        var sides = settings.Resolutions.Where(r => ShortSide(r) is not null).ToList();
        var allowed = sides.Where(r => cap <= 0 || ShortSide(r) <= cap).ToList();
        var resolution = (allowed.Count > 0 ? allowed.MaxBy(r => ShortSide(r)) : sides.MinBy(r => ShortSide(r))) ?? "720p";
        var shortSide = ShortSide(resolution) ?? 720;
        var (width, height) = ratioValue >= 1
            ? (Even(shortSide * ratioValue), Even(shortSide))
            : (Even(shortSide), Even(shortSide / ratioValue));
        return new VideoShape(seconds, ratio, resolution, width, height);
    }

    public static int Seconds(IReadOnlyCollection<int> allowed, decimal shotSeconds)
    {
        var valid = allowed.Where(d => d > 0).OrderBy(d => d).ToList();
        if (valid.Count == 0)
            return (int)Math.Ceiling(shotSeconds);
        return valid.FirstOrDefault(d => d >= shotSeconds) is var fit and > 0 ? fit : valid[^1];
    }

    /// <summary>"16:9" → 1.777…; null when it is not a ratio.</summary>
    public static double? RatioValue(string ratio)
    {
        var parts = ratio.Split(':');
        return parts.Length == 2
               && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
               && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0
            ? w / h
            : null;
    }

    /// <summary>"1280x720" → (1280, 720); null for anything else.</summary>
    public static (int W, int H)? Size(string resolution)
    {
        var parts = resolution.ToLowerInvariant().Split('x', '*');
        return parts.Length == 2 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h) && w > 0 && h > 0 ? (w, h) : null;
    }

    /// <summary>"720p" → 720; null for anything else.</summary>
    public static int? ShortSide(string resolution) =>
        resolution.EndsWith('p') && int.TryParse(resolution[..^1], out var side) && side > 0 ? side : null;

    private static string? Closest(IEnumerable<string> items, Func<string, double> value, double wanted) =>
        items.OrderBy(i => Math.Abs(Math.Log(value(i) / wanted))).FirstOrDefault();

    private static string Simplest(int width, int height)
    {
        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
        var g = Math.Max(1, Gcd(width, height));
        return $"{width / g}:{height / g}";
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
