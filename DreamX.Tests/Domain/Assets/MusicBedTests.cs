using DreamX.Domain.Assets;

namespace DreamX.Tests.Domain.Assets;

public sealed class MusicBedTests
{
    private static MusicTrack Track(string title, string mood, bool active = true) =>
        new() { Title = title, Mood = mood, AudioKey = $"assets/music/{title}.mp3", IsActive = active };

    [Fact]
    public void The_track_with_the_most_mood_words_in_the_tone_and_genre_is_chosen()
    {
        MusicTrack[] library = [Track("Dawn", "calm warm"), Track("Chase", "tense dark suspense"), Track("Rain", "sad")];

        var chosen = MusicBed.Choose(library, "Dark and tense, with a slow reveal", "suspense");

        Assert.Equal("Chase", chosen?.Title);
    }

    [Fact]
    public void Chinese_mood_words_match_inside_chinese_text()
    {
        MusicTrack[] library = [Track("Dawn", "calm 温暖 治愈"), Track("Chase", "tense 悬疑")];

        var chosen = MusicBed.Choose(library, "温暖治愈，略带伤感", "都市");

        Assert.Equal("Dawn", chosen?.Title);
    }

    [Fact]
    public void A_tie_goes_to_the_first_title_whatever_the_library_order()
    {
        var beta = Track("Beta", "warm");
        var alpha = Track("Alpha", "warm");

        var forwards = MusicBed.Choose([beta, alpha], "warm", null);
        var backwards = MusicBed.Choose([alpha, beta], "warm", null);

        Assert.Equal(("Alpha", "Alpha"), (forwards?.Title, backwards?.Title));
    }

    [Fact]
    public void Inactive_tracks_are_never_chosen()
    {
        var chosen = MusicBed.Choose([Track("Chase", "tense", active: false)], "tense", "thriller");

        Assert.Null(chosen);
    }

    [Fact]
    public void Without_a_matching_mood_there_is_no_track()
    {
        var chosen = MusicBed.Choose([Track("Dawn", "calm warm")], "tense", "thriller");

        Assert.Null(chosen);
    }

    [Fact]
    public void An_empty_library_gives_no_track()
    {
        Assert.Null(MusicBed.Choose([], "warm", "romance"));
    }
}
