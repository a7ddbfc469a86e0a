using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin.Illustration;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

public sealed class IllustrationVocabularyTests
{
    [Theory]
    [InlineData("皇宫大殿", "Palace")]
    [InlineData("INT. office - night", "Room")]
    [InlineData("深夜的办公室", "Room")]
    [InlineData("city street in the rain", "City")]
    [InlineData("海边的小镇", "Sea")]
    [InlineData("a forest path", "Forest")]
    [InlineData("somewhere", "Open")]
    public void The_setting_words_choose_the_backdrop(string setting, string expected) =>
        Assert.Equal(expected, SettingPainter.KindOf(setting).ToString());

    [Fact]
    public void Appearance_words_win_over_the_hash()
    {
        var look = CharacterLook.Of(new ImageCharacter("Chen", "a man in a navy suit with glasses, white hair"));

        Assert.Equal((Accessory.Glasses, false), (look.Accessory, look.Feminine));
        Assert.Equal(SkiaSharp.SKColor.Parse("#2F5D8C"), look.Clothes);
        Assert.Equal(SkiaSharp.SKColor.Parse("#D9D9DE"), look.Hair);
    }

    [Theory]
    [InlineData("a woman that nobody notices", "hat", false)]
    [InlineData("a wide straw hat", "hat", true)]
    [InlineData("戴着帽子的老人", "帽", true)]
    public void A_latin_keyword_must_start_a_word_and_a_chinese_one_may_be_anywhere(string text, string word, bool expected) =>
        Assert.Equal(expected, WordMatch.Mentions(text, word));
}
