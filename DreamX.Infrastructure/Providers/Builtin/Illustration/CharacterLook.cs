using DreamX.Domain.Generation.Providers;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

internal enum HairStyle { Short, Long, Bun, Ponytail, Spiky, Bob }

internal enum Accessory { None, Glasses, Hat, Tie, Scarf, Earrings, Hairpin }

/// <summary>
/// How a character is drawn in every frame: derived from the name and appearance alone (words such as
/// "glasses", "白发", "red dress" win; the rest comes from a stable hash), so the same character looks the same in
/// every shot and two characters rarely look alike.
/// </summary>
internal sealed record CharacterLook(
    string Name,
    bool Feminine,
    SKColor Skin,
    SKColor Hair,
    HairStyle HairStyle,
    SKColor Clothes,
    SKColor Trousers,
    Accessory Accessory,
    float HeightScale,
    float BuildScale)
{
    private static readonly SKColor[] SkinTones =
        [SKColor.Parse("#F6D7C3"), SKColor.Parse("#EEC4A4"), SKColor.Parse("#D9A47F"), SKColor.Parse("#B07A55"), SKColor.Parse("#8A5A3C")];

    private static readonly SKColor[] HairTones =
        [SKColor.Parse("#1B1B1F"), SKColor.Parse("#2E2420"), SKColor.Parse("#4A3426"), SKColor.Parse("#6B4A2F"), SKColor.Parse("#1E2233")];

    private static readonly SKColor[] ClothesTones =
    [
        SKColor.Parse("#B23A48"), SKColor.Parse("#2F5D8C"), SKColor.Parse("#3C7A5A"), SKColor.Parse("#6C4B8F"), SKColor.Parse("#C8873A"),
        SKColor.Parse("#2B2D42"), SKColor.Parse("#E0E1DD"), SKColor.Parse("#8D99AE"), SKColor.Parse("#A0522D"), SKColor.Parse("#D16BA5"),
    ];

    private static readonly (string[] Words, SKColor Colour)[] HairWords =
    [
        (["white hair", "silver hair", "grey hair", "gray hair", "白发", "银发", "白髮", "灰发"], SKColor.Parse("#D9D9DE")),
        (["blonde", "blond", "golden hair", "金发"], SKColor.Parse("#E3C16F")),
        (["red hair", "redhead", "红发"], SKColor.Parse("#A33A22")),
        (["brown hair", "棕发", "栗色"], SKColor.Parse("#6B4A2F")),
        (["black hair", "黑发", "乌发"], SKColor.Parse("#15151A")),
    ];

    private static readonly (string[] Words, SKColor Colour)[] ClothesWords =
    [
        (["red", "crimson", "红"], SKColor.Parse("#B23A48")),
        (["blue", "navy", "蓝"], SKColor.Parse("#2F5D8C")),
        (["green", "绿", "青"], SKColor.Parse("#3C7A5A")),
        (["purple", "violet", "紫"], SKColor.Parse("#6C4B8F")),
        (["gold", "yellow", "黄"], SKColor.Parse("#C8A13A")),
        (["pink", "粉"], SKColor.Parse("#D16BA5")),
        (["white", "白"], SKColor.Parse("#E8E6E1")),
        (["black", "黑"], SKColor.Parse("#24252B")),
        (["grey", "gray", "灰"], SKColor.Parse("#8D99AE")),
        (["brown", "棕", "褐"], SKColor.Parse("#8B5A3C")),
    ];

    private static readonly (string[] Words, Accessory Accessory)[] AccessoryWords =
    [
        (["glasses", "spectacles", "眼镜"], Accessory.Glasses),
        (["hat", "cap", "帽"], Accessory.Hat),
        (["tie", "领带"], Accessory.Tie),
        (["scarf", "围巾"], Accessory.Scarf),
        (["earring", "耳环", "耳坠"], Accessory.Earrings),
        (["hairpin", "簪", "发卡"], Accessory.Hairpin),
    ];

    private static readonly string[] FeminineWords =
        ["woman", "girl", "female", "lady", "her", "she", "dress", "女", "她", "姑娘", "小姐", "公主", "妈", "母", "妻"];

    public static CharacterLook Of(ImageCharacter character)
    {
        var appearance = (character.Appearance ?? "").ToLowerInvariant();
        var random = new StableRandom(StableHash.Of(character.Name + "|" + appearance));

        var feminine = character.Gender is { Length: > 0 } gender
            ? gender.StartsWith('f') || gender.StartsWith('F') || gender.Contains('女')
            : FeminineWords.Any(word => WordMatch.Mentions(appearance, word));

        var hairColour = FindColour(HairWords, appearance) ?? random.Pick(HairTones);
        var withoutHair = HairWords.SelectMany(h => h.Words).Aggregate(appearance, (text, word) => text.Replace(word, " "));
        var clothes = FindColour(ClothesWords, withoutHair) ?? random.Pick(ClothesTones);
        var trousers = StylePalette.Mix(clothes, SKColor.Parse("#1C1D24"), random.Between(0.45f, 0.8f));
        var accessory = AccessoryWords.FirstOrDefault(a => a.Words.Any(word => WordMatch.Mentions(appearance, word))).Accessory;
        if (accessory == Accessory.None)
            accessory = (Accessory)random.Next(Enum.GetValues<Accessory>().Length);

        HairStyle[] styles = feminine
            ? [HairStyle.Long, HairStyle.Bun, HairStyle.Ponytail, HairStyle.Bob]
            : [HairStyle.Short, HairStyle.Spiky, HairStyle.Short, HairStyle.Bob];
        var hairStyle = appearance.Contains("long hair") || appearance.Contains("长发") ? HairStyle.Long
            : appearance.Contains("short hair") || appearance.Contains("短发") ? HairStyle.Short
            : random.Pick(styles);

        var age = character.Age ?? 0;
        var height = age is > 0 and < 13 ? 0.72f : random.Between(feminine ? 0.9f : 0.96f, feminine ? 0.98f : 1.04f);
        return new CharacterLook(
            character.Name,
            feminine,
            random.Pick(SkinTones),
            age >= 60 ? SKColor.Parse("#D9D9DE") : hairColour,
            hairStyle,
            clothes,
            trousers,
            accessory,
            height,
            random.Between(feminine ? 0.85f : 0.95f, feminine ? 1f : 1.15f));
    }

    private static SKColor? FindColour((string[] Words, SKColor Colour)[] table, string text)
    {
        SKColor? found = null;
        var earliest = int.MaxValue;
        foreach (var (words, colour) in table)
        {
            foreach (var word in words)
            {
                var at = WordMatch.IndexOf(text, word);
                if (at >= 0 && at < earliest)
                    (earliest, found) = (at, colour);
            }
        }
        return found;
    }
}
