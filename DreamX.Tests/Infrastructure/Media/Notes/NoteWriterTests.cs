using System.IO.Compression;
using System.Text;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Notes;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;

namespace DreamX.Tests.Infrastructure.Media.Notes;

/// <summary>The built-in note writer keeps to the platform's limits; the export ZIP holds numbered pages and post.txt.</summary>
public sealed class NoteWriterTests
{
    [Theory]
    [InlineData("zh-CN", "周末在家做低卡早餐，分享十分钟就能做好的食谱，新手也不会失败", "friendly")]
    [InlineData("zh-CN", "第一次一个人去云南旅行，大理和丽江怎么安排最省钱", "expert")]
    [InlineData("en-US", "Keeping houseplants alive in a dark apartment, with cheap tricks that actually work", "playful")]
    [InlineData("en-US", "What I learned from running my first marathon at forty", "heartfelt")]
    public void The_outline_has_one_page_per_requested_page_and_the_post_keeps_to_the_limits(string language, string idea, string tone)
    {
        for (var count = NoteRules.MinPages; count <= NoteRules.MaxPages; count++)
        {
            var brief = new NoteBrief("Note", language, idea, tone, count);
            var outline = NoteWriter.Outline(new NoteOutlineContext(brief));

            Assert.Equal(count, outline.Pages.Count);
            Assert.InRange(NoteRules.Length(outline.Hook), 1, NoteRules.TitleMaxLength);
            Assert.All(outline.Pages, p =>
            {
                Assert.InRange(NoteRules.Length(p.Heading), 1, NoteRules.HeadingMaxLength);
                Assert.InRange(NoteRules.Length(p.Text), 1, NoteRules.TextMaxLength);
                Assert.False(string.IsNullOrWhiteSpace(p.ImagePrompt));
            });
            Assert.Equal(count, outline.Pages.Select(p => p.Heading).Distinct().Count());

            var post = NoteWriter.Post(new NotePostContext(brief, outline.Hook, outline.Pages.Select(p => p.Line).ToList()));
            // What the built-in writer answers fits the schema remote models are asked to fill.
            Assert.Empty(StageSchemaCheck.Problems(StageJson.Serialize(outline), StageSchemas.For(DreamX.Domain.Generation.GenerationTaskType.NoteOutline)));
            Assert.Empty(StageSchemaCheck.Problems(StageJson.Serialize(post), StageSchemas.For(DreamX.Domain.Generation.GenerationTaskType.NotePost)));
            Assert.Empty(NoteRules.ValidatePost(post.Title, post.Body, post.Hashtags));
            Assert.InRange(post.Hashtags.Count, 3, NoteRules.MaxHashtags);
            // The body walks through the pages' points in order.
            Assert.Contains(outline.Pages[0].Line, post.Body);
        }
    }

    [Fact]
    public void A_chinese_note_reuses_the_ideas_own_words()
    {
        var outline = NoteWriter.Outline(new NoteOutlineContext(new NoteBrief("早餐", "zh-CN", "周末在家做低卡早餐，分享十分钟就能做好的食谱", "friendly", 4)));

        Assert.Contains("周末在家做低卡早餐", outline.Hook);
        Assert.Contains(outline.Pages, p => p.Line.Contains("十分钟就能做好的食谱", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "note.pages_range")]
    [InlineData(10, "note.pages_range")]
    public void The_checkpoint_refuses_a_page_count_out_of_range(int pages, string code)
    {
        var errors = CheckpointRules.Validate(new CheckpointInput
        {
            Title = "Note", Type = ProjectType.RedbookNote, Idea = "周末在家做低卡早餐，分享十分钟就能做好的食谱", NotePageCount = pages,
        });
        Assert.Contains(errors, e => e.Code == code);
        Assert.Empty(CheckpointRules.Validate(new CheckpointInput
        {
            Title = "Note", Type = ProjectType.RedbookNote, Idea = "周末在家做低卡早餐，分享十分钟就能做好的食谱", NotePageCount = 9, NoteTone = "expert",
        }));
        Assert.Contains(CheckpointRules.Validate(new CheckpointInput
        {
            Title = "Note", Type = ProjectType.RedbookNote, Idea = "周末在家做低卡早餐，分享十分钟就能做好的食谱", NoteTone = "angry",
        }), e => e.Code == "note.tone_unsupported");
    }

    [Fact]
    public void Post_edits_out_of_the_limits_are_refused_with_the_rule()
    {
        Assert.Contains(NoteRules.ValidatePost(new string('标', 21), "正文", []), e => e.Code == "note.title_too_long");
        Assert.Empty(NoteRules.ValidatePost(new string('标', 20), new string('文', 1000), ["早餐", "#低卡"]));
        Assert.Contains(NoteRules.ValidatePost("标题", new string('文', 1001), []), e => e.Code == "note.body_too_long");
        Assert.Contains(NoteRules.ValidatePost("标题", "正文", Enumerable.Range(0, 11).Select(i => $"tag{i}").ToList()), e => e.Code == "note.too_many_hashtags");
        // An emoji counts as one character, as readers count it.
        Assert.Empty(NoteRules.ValidatePost(new string('标', 19) + "✨", "正文", []));
    }

    [Fact]
    public void The_export_zip_holds_the_numbered_pages_and_post_txt()
    {
        var post = new NotePost { Title = "十分钟早餐", Body = "第一段\n第二段", Hashtags = ["早餐", "低卡"] };
        var pages = new List<(string, byte[])> { (NoteExport.FileName(0), [1, 2, 3]), (NoteExport.FileName(1), [4, 5]), (NoteExport.FileName(2), [6]) };

        var zip = NoteExport.Zip(pages, NoteExport.PostText(post));

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(["01.jpg", "02.jpg", "03.jpg", "post.txt"], archive.Entries.Select(e => e.FullName).ToArray());
        using var reader = new StreamReader(archive.GetEntry("post.txt")!.Open(), Encoding.UTF8);
        Assert.Equal("十分钟早餐\n\n第一段\n第二段\n\n#早餐 #低卡\n", reader.ReadToEnd());
        using var second = archive.GetEntry("02.jpg")!.Open();
        using var copy = new MemoryStream();
        second.CopyTo(copy);
        Assert.Equal([4, 5], copy.ToArray());
    }
}
