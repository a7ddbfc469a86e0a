using DreamX.Infrastructure.Media.Notes;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Media.Notes;

/// <summary>Note pages: 1080×1440, every text box inside the safe area, Chinese drawn with real glyphs.</summary>
public sealed class NotePageLayoutTests
{
    private static readonly string[] Palette = ["#1E2A44", "#3F5E8C", "#E8C07D", "#F4EDE4"];

    public static TheoryData<int, int, string, string> Pages => new()
    {
        { 0, 6, "周末早餐｜十分钟搞定一周不重样", "6个要点 · 建议收藏" },
        { 3, 6, "3. 关键技巧", "记住这一点：面糊要提前静置十分钟，煎出来才蓬松柔软，而且不会粘锅，新手也能一次成功，真的非常简单实用" },
        { 9, 9, "9. The recap, with a heading that is far too long for one line", "Save this page and just follow it, step by step, every single morning of the week until it becomes a habit you never think about" },
        { 1, 1, "Supercalifragilisticexpialidocious-and-even-longer-unbreakable-word", "Antidisestablishmentarianism-without-any-spaces-at-all-in-the-whole-text-of-this-page" },
        { 2, 4, "2. 准备清单", "" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_box_of_the_layout_lies_inside_the_safe_area(int number, int count, string heading, string text)
    {
        var plan = NotePageLayout.Plan(new NotePageText(number, count, heading, text));

        var page = new SKRect(0, 0, 1080, 1440);
        Assert.True(page.Contains(plan.SafeArea));
        Assert.True(plan.SafeArea.Left >= 60 && plan.SafeArea.Top >= 80 && 1440 - plan.SafeArea.Bottom >= 120, $"safe area {plan.SafeArea}");
        Assert.NotEmpty(plan.Heading);
        Assert.Equal(text.Length == 0, plan.Body.Count == 0);
        foreach (var box in plan.Boxes)
            Assert.True(plan.SafeArea.Contains(box), $"{box} is outside the safe area {plan.SafeArea}");
        foreach (var line in plan.Heading.Concat(plan.Body))
            Assert.True(plan.Panel.Contains(line.Box), $"'{line.Text}' ({line.Box}) is outside its panel {plan.Panel}");
        // Lines do not overlap one another.
        var lines = plan.Heading.Concat(plan.Body).ToList();
        for (var i = 1; i < lines.Count; i++)
            Assert.True(lines[i].Box.Top >= lines[i - 1].Box.Bottom - 1, $"line {i} overlaps the line above it");
        Assert.Equal(number == 0, plan.Badge is null);
    }

    [Fact]
    public void Characters_the_font_cannot_draw_are_left_out_not_drawn_as_boxes()
    {
        Assert.Equal("早餐 好吃", NotePageLayout.Drawable("早餐 😆 好吃😆"));
        var plan = NotePageLayout.Plan(new NotePageText(1, 2, "1. 早餐😆", "好吃 😆"));
        Assert.Equal("1. 早餐", plan.Heading[0].Text);
        Assert.Equal("好吃", plan.Body[0].Text);
    }

    [Fact]
    public void A_long_heading_shrinks_before_it_is_cut()
    {
        var shortPlan = NotePageLayout.Plan(new NotePageText(0, 3, "早餐", ""));
        var longPlan = NotePageLayout.Plan(new NotePageText(0, 3, "周末早餐十分钟搞定一周不重样还省钱还好吃的全部秘诀都在这里了", ""));

        Assert.True(longPlan.Heading[0].Size < shortPlan.Heading[0].Size);
        Assert.InRange(longPlan.Heading.Count, 2, 3);
    }

    [Fact]
    public void A_page_is_a_1080_by_1440_jpeg_of_the_picture_with_the_text_on_it()
    {
        var jpeg = NotePageLayout.Render(Picture(768, 768, SKColors.SteelBlue), new NotePageText(2, 5, "2. 准备清单", "提前备好这些，省一半时间"), Palette);

        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);
        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.Equal(1080, bitmap.Width);
        Assert.Equal(1440, bitmap.Height);
        // The picture fills the page (cover-fit), the panel is light.
        var corner = bitmap.GetPixel(10, 10);
        Assert.True(corner.Blue > 120 && corner.Red < 120, $"the picture does not fill the page: {corner}");
        var plan = NotePageLayout.Plan(new NotePageText(2, 5, "2. 准备清单", "提前备好这些，省一半时间"));
        var panel = bitmap.GetPixel((int)plan.Panel.Right - 20, (int)plan.Panel.Bottom - 20);
        Assert.True(panel.Red > 220 && panel.Green > 220, $"the text panel is not light: {panel}");
    }

    [Fact]
    public void Chinese_text_is_drawn_with_real_glyphs()
    {
        Assert.True(NotePageLayout.HasGlyphs("周末早餐十分钟搞定准备清单", bold: true), "the page font has no Chinese glyphs (install fonts-noto-cjk)");
        Assert.True(NotePageLayout.HasGlyphs("提前备好这些，省一半时间"));

        var picture = Picture(300, 400, SKColors.Gray);
        using var first = SKBitmap.Decode(NotePageLayout.Render(picture, new NotePageText(1, 3, "早餐食谱", ""), Palette));
        using var second = SKBitmap.Decode(NotePageLayout.Render(picture, new NotePageText(1, 3, "晚安故事", ""), Palette));
        var box = NotePageLayout.Plan(new NotePageText(1, 3, "早餐食谱", "")).Heading[0].Box;

        // Ink in the heading's box (dark strokes on the light panel), and different words give different shapes: missing
        // glyphs would all be the same empty boxes.
        var ink = 0;
        var differ = 0;
        for (var x = (int)box.Left; x < (int)box.Right; x++)
        for (var y = (int)box.Top; y < (int)box.Bottom; y++)
        {
            var a = first.GetPixel(x, y);
            var b = second.GetPixel(x, y);
            if (a.Red < 110)
                ink++;
            if (Math.Abs(a.Red - b.Red) > 60)
                differ++;
        }
        var area = box.Width * box.Height;
        Assert.True(ink > area * 0.08, $"only {ink} dark pixels in the heading box of {area}");
        Assert.True(differ > area * 0.05, $"two different Chinese headings look alike ({differ} pixels differ)");
    }

    private static byte[] Picture(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
