using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin.Illustration;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>
/// The built-in illustrator draws what each seeded character's appearance says: the genre templates' every role (both
/// languages) is read into the painter's <see cref="CharacterLook"/>, and its gender, hair and props are checked against the text.
/// </summary>
public class LookFidelityTests
{
    private static readonly string[] PropWords = ["glasses", "眼镜", "hat", "cap", "帽", "tie", "领带", "scarf", "围巾", "earring", "耳环", "耳坠", "hairpin", "簪", "发卡"];

    public static TheoryData<string, string> Roles()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in GenreTemplates.Keys)
            foreach (var language in new[] { "zh-CN", "en-US" })
                data.Add(key, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Every_seeded_character_is_drawn_as_described(string genre, string language)
    {
        foreach (var role in GenreTemplates.Get(genre, language).Roles)
        {
            var age = (role.MinAge + role.MaxAge) / 2;
            var character = new ImageCharacter(role.Key, role.Appearance, role.Gender.ToString().ToLowerInvariant(), age);
            var look = CharacterLook.Of(character);
            var text = role.Appearance.ToLowerInvariant();

            Assert.Equal(role.Gender == Gender.Female, look.Feminine);
            // a prop only when the description names it
            if (!PropWords.Any(w => WordMatch.Mentions(text, w)))
                Assert.Equal(Accessory.None, look.Accessory);
            // the described hair style, and grey hair when it is described or the person is old
            if (CharacterLook.DescribedHairStyle(text) is { } style)
                Assert.Equal(style, look.HairStyle);
            if (new[] { "灰白", "花白", "白发", "银发", "grey hair", "gray hair", "silver hair", "white hair" }.Any(text.Contains) || age >= 60)
                Assert.Equal(SKColor.Parse("#D9D9DE"), look.Hair);
            // the same look on the portrait and in every shot: it depends on the character alone
            Assert.Equal(look, CharacterLook.Of(character with { }));
        }
    }

    [Theory]
    [InlineData("梳得一丝不苟的灰白背头，米色羊绒大衣，手握一根乌木手杖", "male", 48, "Short")]
    [InlineData("Neat grey slicked-back hair, a camel cashmere coat, an ebony cane", "male", 46, "Short")]
    [InlineData("花白的头发挽成低髻，藏青色的旧外套", "female", 65, "Bun")]
    public void Grey_hair_and_its_style_are_kept_at_any_age(string appearance, string gender, int age, string hairStyle)
    {
        var style = Enum.Parse<HairStyle>(hairStyle);
        var look = CharacterLook.Of(new ImageCharacter("x", appearance, gender, age));

        Assert.Equal(SKColor.Parse("#D9D9DE"), look.Hair);
        Assert.Equal(style, look.HairStyle);
        Assert.Equal(gender == "female", look.Feminine);
    }

    [Fact]
    public void A_man_with_no_earrings_in_his_description_wears_none()
    {
        var looks = Enumerable.Range(0, 40).Select(i => CharacterLook.Of(new ImageCharacter($"法医{i}", "微卷的黑发，白大褂里是黑色高领毛衣", "male", 35))).ToList();

        Assert.All(looks, l => Assert.Equal((Accessory.None, false), (l.Accessory, l.Feminine)));
    }
}

/// <summary>The moment and the weather reach the frame: no smiles at a murder scene, rain in a rainy alley, night at night.</summary>
public class FramePlanTests
{
    private static ImageRequest Frame(string prompt, string setting, ImageKind kind = ImageKind.ShotFrame) =>
        new(prompt, 360, 640, "", [], kind, DreamX.Domain.Scripts.ShotType.Medium,
            [new ImageCharacter("沈默", "微卷的黑发，白大褂里是黑色高领毛衣", "male", 35)], setting, null, 1);

    [Theory]
    [InlineData("电影感写实风格。中景。场景：重庆老城区雨巷，夜晚。画面：警戒线在雨里晃动，死者的双手交叠在胸前。沈默神情震惊地说话。", "重庆老城区雨巷, Night", "Grim", true, true)]
    [InlineData("Cinematic. Medium shot. Rainy alley in old Boston, night. Action: the body lies under a sheet. Ruby speaking, shocked.", "Rainy alley in old Boston, Night", "Grim", true, true)]
    [InlineData("Anime style. Medium shot. Starlight Jewellery Studio, day. Emma speaking, smiling.", "Starlight Jewellery Studio, Day", "Smile", false, false)]
    [InlineData("国风动漫风格。近景。珠宝工作室，白天。林晚神情平静地说话。", "珠宝工作室, Day", "Neutral", false, false)]
    public void The_moment_the_weather_and_the_time_reach_the_painter(string prompt, string setting, string expression, bool rain, bool night)
    {
        var plan = FramePlan.Of(Frame(prompt, setting));

        Assert.Equal((Enum.Parse<Expression>(expression), rain, night), (plan.Expression, plan.Rain, plan.Night));
    }

    [Fact]
    public void A_portrait_and_a_shot_draw_the_character_alike()
    {
        var portrait = FramePlan.Of(Frame("Portrait", "", ImageKind.CharacterPortrait));
        var shot = FramePlan.Of(Frame("雨巷里，死者的手势", "雨巷, Night"));

        Assert.Equal(portrait.Looks[0], shot.Looks[0]);
        Assert.False(portrait.Rain);
    }

    [Theory]
    [InlineData("Neat grey slicked-back hair, a grey wool coat, a red scarf, leaning on an ebony cane", "Scarf", "#B23A48", "#8D99AE", "Cane")]
    [InlineData("a yellow scarf over a black trench coat", "Scarf", "#C8A13A", "#24252B", "None")]
    [InlineData("灰色呢子大衣，系一条红色围巾，拄着拐杖", "Scarf", "#B23A48", "#8D99AE", "Cane")]
    [InlineData("黑色风衣，黄色围巾，手里拿着一把伞", "Scarf", "#C8A13A", "#24252B", "Umbrella")]
    [InlineData("a navy suit, a green tie and a leather briefcase", "Tie", "#3C7A5A", "#2F5D8C", "Briefcase")]
    public void An_accessory_keeps_its_own_colour_and_a_carried_prop_is_drawn(string appearance, string accessory, string accessoryColour, string clothes, string prop)
    {
        var look = CharacterLook.Of(new ImageCharacter("Hale", appearance, "male", 46));

        Assert.Equal(Enum.Parse<Accessory>(accessory), look.Accessory);
        Assert.Equal(SKColor.Parse(accessoryColour), look.AccessoryColour);
        Assert.Equal(SKColor.Parse(clothes), look.Clothes);
        Assert.Equal(Enum.Parse<Prop>(prop), look.Prop);
    }

    [Fact]
    public void The_portrait_and_every_shot_paint_a_character_with_the_same_scarf_colour_and_cane()
    {
        var hale = new ImageCharacter("Hale", "grey slicked-back hair, a camel coat, a yellow scarf, an ebony cane", "male", 46);
        var june = new ImageCharacter("June", "long black hair, a red raincoat", "female", 30);
        var portrait = FramePlan.Of(new ImageRequest("Hale", 512, 512, "noir", ["#101010", "#F0F0F0"], ImageKind.CharacterPortrait, Characters: [hale]));
        var shots = new[]
        {
            new ImageRequest("Hale and June argue in the rain", 720, 1280, "noir", ["#203040", "#D0D0D0"], ImageKind.ShotFrame, Characters: [june, hale], Setting: "rain alley, night"),
            new ImageRequest("Close on Hale", 720, 1280, "warm", ["#C08040", "#302010"], ImageKind.ShotFrame, Characters: [hale], Setting: "office, day"),
        }.Select(FramePlan.Of).ToList();

        var drawn = portrait.Looks.Single();
        Assert.Equal((Accessory.Scarf, SKColor.Parse("#C8A13A"), Prop.Cane), (drawn.Accessory, drawn.AccessoryColour, drawn.Prop));
        Assert.All(shots, plan => Assert.Equal(drawn, plan.Looks.Single(l => l.Name == "Hale")));
    }

    [Fact]
    public void An_accessory_without_a_named_colour_has_the_same_stable_colour_everywhere_and_not_the_clothes_colour()
    {
        var character = new ImageCharacter("Mei", "a grey coat and a scarf", "female", 28);

        var look = CharacterLook.Of(character);

        Assert.Equal(look.AccessoryColour, CharacterLook.Of(character with { }).AccessoryColour);
        Assert.NotEqual(look.Clothes, look.AccessoryColour);
    }
}
