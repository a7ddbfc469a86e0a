using System.Text.RegularExpressions;
using DreamX.Tests.Support;

namespace DreamX.Tests.Web;

/// <summary>
/// An animation that never ends is repainted in every frame for as long as its element is on screen: the canvas's
/// flowing links did that for as long as a task ran (30 of them kept 61 % of a core busy in headless Chromium), on every
/// open canvas. The studio's own styles may animate a change, not run forever.
/// </summary>
public partial class EndlessAnimationTests
{
    /// <summary>Shown only while the circuit is reconnecting, when nothing else can happen on the page.</summary>
    private static readonly string[] Allowed = ["ReconnectModal.razor.css"];

    [Fact]
    public void The_studios_own_styles_have_no_endless_animation()
    {
        var web = Path.Combine(TestEnvironment.RepositoryRoot, "DreamX.Web");
        var styles = Directory.EnumerateFiles(web, "*.css", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var endless = styles
            .Where(f => !Allowed.Contains(Path.GetFileName(f)))
            .SelectMany(f => File.ReadLines(f).Where(line => Infinite().IsMatch(line)).Select(line => $"{Path.GetFileName(f)}: {line.Trim()}"))
            .ToList();

        Assert.Contains(styles, f => f.EndsWith("DiagramCanvas.razor.css", StringComparison.Ordinal));
        Assert.Empty(endless);
    }

    [GeneratedRegex(@"animation(-iteration-count)?\s*:[^;]*\binfinite\b")]
    private static partial Regex Infinite();
}
