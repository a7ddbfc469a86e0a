using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;

namespace DreamX.Tests.Domain.MusicVideos;

/// <summary>Lyrics in plain text or LRC: good files keep their lines and times, broken ones are refused naming the line.</summary>
public sealed class LyricsParserTests
{
    [Fact]
    public void Plain_lyrics_keep_their_lines_in_order_without_times()
    {
        Assert.True(LyricsParser.TryParse("  第一句歌词\r\n\r\n第二句歌词\nThird line  \n", out var lyrics, out var error));
        Assert.Null(error);
        Assert.False(lyrics.IsTimed);
        Assert.Equal(["第一句歌词", "第二句歌词", "Third line"], lyrics.Lines.Select(l => l.Text).ToArray());
        Assert.All(lyrics.Lines, l => Assert.Null(l.Start));
    }

    [Fact]
    public void Empty_lyrics_are_no_lyrics()
    {
        Assert.True(LyricsParser.TryParse("  \n ", out var lyrics, out _));
        Assert.True(lyrics.IsEmpty);
        Assert.True(LyricsParser.TryParse(null, out lyrics, out _));
        Assert.True(lyrics.IsEmpty);
    }

    [Fact]
    public void Lrc_lines_keep_their_times_sorted_with_id_tags_repeats_word_times_and_the_offset()
    {
        const string lrc = """
            [ti:晴天]
            [ar:Someone]
            [offset:500]
            [00:12.00]故事的小黄花
            [00:17.50][01:10.25]从出生那年就飘着
            [00:20.3]<00:20.30>童年的<00:21.00>荡秋千
            [00:25:40]
            [00:26.000]Last line
            """;
        Assert.True(LyricsParser.TryParse(lrc, out var lyrics, out var error), error?.Code);
        Assert.True(lyrics.IsTimed);
        // A positive offset shows every line half a second sooner.
        Assert.Equal(
            [(11.5, "故事的小黄花"), (17.0, "从出生那年就飘着"), (19.8, "童年的荡秋千"), (24.9, ""), (25.5, "Last line"), (69.75, "从出生那年就飘着")],
            lyrics.Lines.Select(l => (Math.Round(l.Start!.Value, 2), l.Text)).ToArray());
    }

    [Theory]
    [InlineData("[00:01.00]one\n[00:02.00]two\nthree without a time\n[00:04.00]four", LyricsError.NoTime, 3, "three without a time")]
    [InlineData("[ar:x]\n[00:01.00]one\n[00:75.00]bad seconds", LyricsError.BadTime, 3, "[00:75.00]bad seconds")]
    [InlineData("[00:01.00]one\n[0a:02.00]two", LyricsError.BadTime, 2, "[0a:02.00]two")]
    [InlineData("[offset:soon]\n[00:01.00]one", LyricsError.BadOffset, 1, "[offset:soon]")]
    public void A_broken_lrc_file_is_refused_naming_the_line(string lrc, string code, int line, string excerpt)
    {
        Assert.False(LyricsParser.TryParse(lrc, out var lyrics, out var error));
        Assert.True(lyrics.IsEmpty);
        Assert.Equal(code, error!.Code);
        Assert.Equal(line, error.Line);
        Assert.Equal(excerpt, error.Excerpt);
    }

    [Fact]
    public void A_line_too_long_and_a_text_too_long_are_refused()
    {
        Assert.False(LyricsParser.TryParse("ok\n" + new string('啊', LyricsParser.LineMaxLength + 1), out _, out var error));
        Assert.Equal((LyricsError.LineTooLong, 2), (error!.Code, error.Line));
        Assert.False(LyricsParser.TryParse(new string('a', LyricsParser.MaxLength + 1), out _, out error));
        Assert.Equal(LyricsError.TooLong, error!.Code);
    }

    [Fact]
    public void The_checkpoint_of_a_music_video_needs_a_song_takes_good_lyrics_and_names_the_broken_line()
    {
        var input = new CheckpointInput
        {
            Type = ProjectType.MusicMv, Title = "MV", Idea = "夏夜的城市天台，霓虹和晚风", EpisodeDurationSeconds = 60,
        };
        Assert.Contains(CheckpointRules.Validate(input), e => e.Code == SongRules.SongRequired);

        var withSong = input with { SongKey = "projects/x/audio/song.mp3", SongSeconds = 95.2, Lyrics = "[00:01.00]hello\n[00:03.00]world" };
        Assert.Empty(CheckpointRules.Validate(withSong));

        var broken = CheckpointRules.Validate(withSong with { Lyrics = "[00:01.00]hello\nworld" });
        var error = Assert.Single(broken);
        Assert.Equal((LyricsError.NoTime, 2, "world"), (error.Code, (int)error.Arguments[0], (string)error.Arguments[1]));

        Assert.Equal(SongRules.ExcerptRange, Assert.Single(CheckpointRules.Validate(withSong with { ExcerptStartSeconds = 50, ExcerptEndSeconds = 40 })).Code);
        Assert.Equal(SongRules.ExcerptRange, Assert.Single(CheckpointRules.Validate(withSong with { ExcerptEndSeconds = 120 })).Code);
        Assert.Equal(SongRules.ExcerptTooShort, Assert.Single(CheckpointRules.Validate(withSong with { ExcerptStartSeconds = 30, ExcerptEndSeconds = 40 })).Code);
        Assert.Empty(CheckpointRules.Validate(withSong with { ExcerptStartSeconds = 30, ExcerptEndSeconds = 60 }));
        Assert.Equal(SongRules.SongTooLong, Assert.Single(CheckpointRules.Validate(withSong with { SongSeconds = 700 })).Code);
    }
}
