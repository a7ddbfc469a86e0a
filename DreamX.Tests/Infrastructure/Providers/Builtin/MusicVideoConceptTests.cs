using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>
/// A music video's story bible is its visual concept: the built-in writer reads the idea and the song's sections for a
/// mood, a palette, motifs and a look per section (loud close and fast, quiet wide and slow), a performer only when the
/// idea has one; a real provider is asked with the music-video prompt, not the drama's.
/// </summary>
public sealed class MusicVideoConceptTests
{
    private static readonly SongBrief Song = new(120, 48,
    [
        new(1, SongSectionKind.Intro, SongEnergy.Low, 0, 8),
        new(2, SongSectionKind.Verse, SongEnergy.Medium, 8, 24),
        new(3, SongSectionKind.Chorus, SongEnergy.High, 24, 40),
        new(4, SongSectionKind.Outro, SongEnergy.Low, 40, 48),
    ], HasLyrics: true);

    [Fact]
    public async Task A_chinese_music_video_gets_a_visual_concept_of_its_idea_and_its_songs_sections()
    {
        var bible = await WriteAsync(Checkpoint("夏夜的城市天台，霓虹和晚风，一个人在风里跳舞", "zh-CN"), Song);

        Assert.Equal("音乐视频", bible.Genre);
        Assert.Contains("天台", bible.Logline);
        Assert.Contains("霓虹夜色", bible.Logline);
        // The palette (named, with hex) and the light of the mood the idea names.
        Assert.Contains("色板：", bible.World);
        Assert.Contains("#FF3FA4", bible.World);
        Assert.Contains("光线：", bible.World);
        Assert.InRange(bible.Themes.Count, 3, 5);
        // Every section of the song, in order, with its times, framed by its energy.
        Assert.Contains("前奏 0:00–0:08（弱）：远景", bible.Synopsis);
        Assert.Contains("主歌 0:08–0:24（中）：中景", bible.Synopsis);
        Assert.Contains("副歌 0:24–0:40（强）：近景和特写，跟着每个节拍快切", bible.Synopsis);
        Assert.True(bible.Synopsis.IndexOf("前奏", StringComparison.Ordinal) < bible.Synopsis.IndexOf("副歌", StringComparison.Ordinal));
        // "一个人" puts a performer in the picture.
        Assert.Contains("表演者：", bible.Synopsis);
        Assert.Contains("120 BPM", bible.Tone);
        // No drama: no genre template's words, one plan entry for the whole video.
        Assert.DoesNotContain("职场", bible.Synopsis + bible.Logline + bible.Genre);
        var entry = Assert.Single(bible.EpisodePlan);
        Assert.Equal(1, entry.Number);
        Assert.StartsWith("前奏", entry.Hook);
    }

    [Fact]
    public async Task An_english_idea_without_a_person_has_no_performer_and_a_loud_song_sets_the_mood()
    {
        var loud = new SongBrief(128, 30, [new(1, SongSectionKind.Verse, SongEnergy.Medium, 0, 10), new(2, SongSectionKind.Chorus, SongEnergy.High, 10, 30)], HasLyrics: false);

        var bible = await WriteAsync(Checkpoint("Paper lanterns drifting over a river at the end of the year", "en-US"), loud);

        Assert.Equal("Music video", bible.Genre);
        Assert.StartsWith("A euphoric music video: Paper lanterns drifting over a river", bible.Logline);
        Assert.Contains("Chorus 0:10–0:30 (loud): close-ups cut fast on every beat", bible.Synopsis);
        Assert.Contains("No performer: the pictures carry the song.", bible.Synopsis);
        Assert.Contains("128 BPM, cuts on the beat", bible.Tone);
        Assert.Contains("Palette: hot red #E74C3C", bible.World);
    }

    [Fact]
    public async Task Without_an_analysed_song_the_concept_still_builds_from_quiet_to_loud()
    {
        var bible = await WriteAsync(Checkpoint("A girl waiting for the last train in the rain", "en-US"), song: null);

        Assert.Contains("quiet melancholy", bible.Logline);
        Assert.Contains("Intro (quiet): wide shots", bible.Synopsis);
        Assert.Contains("Chorus (loud)", bible.Synopsis);
        Assert.Contains("Performer:", bible.Synopsis);
    }

    [Fact]
    public void A_music_videos_bible_is_asked_with_the_music_video_prompt_unless_an_admin_wrote_one()
    {
        var context = StageJson.Serialize(new StoryBibleContext(Checkpoint("霓虹天台", "zh-CN"), null, Song));

        var mv = StagePrompts.For([], GenerationTaskType.StoryBible, "zh-CN", StagePrompts.MusicVideoGenre, context);
        var drama = StagePrompts.For([], GenerationTaskType.StoryBible, "zh-CN", null, context);

        Assert.Contains("music-video director", mv.System);
        Assert.Contains("visual concept", mv.User);
        Assert.Contains("\"chorus\"", mv.User);
        Assert.Contains("Simplified Chinese", mv.System);
        Assert.Contains("short-drama", drama.System);
        Assert.DoesNotContain("visual concept", drama.User);

        var admins = new PromptTemplate { Stage = GenerationTaskType.StoryBible, Genre = StagePrompts.MusicVideoGenre, SystemPrompt = "Admin's MV system", UserPrompt = "Admin's MV concept {{context}}" };
        var edited = StagePrompts.For([admins], GenerationTaskType.StoryBible, "zh-CN", StagePrompts.MusicVideoGenre, context);
        Assert.Equal("Admin's MV system", edited.System);
        Assert.StartsWith("Admin's MV concept {", edited.User);
        Assert.Contains("short-drama", StagePrompts.For([admins], GenerationTaskType.StoryBible, "zh-CN", null, context).System);
    }

    private static StoryCheckpoint Checkpoint(string idea, string language) =>
        new("", ProjectType.MusicMv, language, ContentRating.PG13, 1, 48, AspectRatio.Portrait9x16, idea);

    private static async Task<StoryBibleDraft> WriteAsync(StoryCheckpoint checkpoint, SongBrief? song)
    {
        var request = new TextRequest(GenerationTaskType.StoryBible, checkpoint.Language, "", "",
            StageJson.Serialize(new StoryBibleContext(checkpoint, null, song)), StageSchemas.For(GenerationTaskType.StoryBible));
        var response = await new BuiltinTextProvider().CompleteJsonAsync(request, CancellationToken.None);
        var bible = StageJson.Deserialize<StoryBibleDraft>(response.Json);
        Assert.True(bible.IsSuccess, bible.Error);
        return bible.Value;
    }
}
