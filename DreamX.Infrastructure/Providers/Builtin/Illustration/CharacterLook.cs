using DreamX.Domain.Generation.Providers;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

internal enum HairStyle { Short, Long, Bun, Ponytail, Spiky, Bob }

internal enum Accessory { None, Glasses, Hat, Tie, Scarf, Earrings, Hairpin }

/// <summary>Something a character carries in every frame: a cane, an umbrella, a briefcase.</summary>
internal enum Prop { None, Cane, Umbrella, Briefcase }

/// <summary>
/// How a character is drawn in every frame: derived from the name, appearance and seed alone (words such as
/// "glasses", "白发", "red dress" win; the rest comes from a stable hash), so the same character looks the same in
/// every shot and two characters rarely look alike. An accessory's own colour ("a red scarf", "红色围巾") and a carried prop
/// ("an ebony cane", "手杖") are read from the description too, never from the frame's palette.
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
    float BuildScale,
    SKColor AccessoryColour,
    Prop Prop)
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
        (["white hair", "silver hair", "grey hair", "gray hair", "greying", "graying", "grey slicked", "gray slicked", "白发", "银发", "白髮", "灰发", "灰白", "花白", "斑白"], SKColor.Parse("#D9D9DE")),
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

    private static readonly (string[] Words, Prop Prop)[] PropWords =
    [
        (["cane", "walking stick", "walking-stick", "拐杖", "手杖", "拐棍"], Prop.Cane),
        (["umbrella", "伞"], Prop.Umbrella),
        (["briefcase", "公文包"], Prop.Briefcase),
    ];

    private static readonly string[] FeminineWords =
        ["woman", "girl", "female", "lady", "her", "she", "dress", "女", "她", "姑娘", "小姐", "公主", "妈", "母", "妻"];

    public static CharacterLook Of(ImageCharacter character)
    {
        var appearance = (character.Appearance ?? "").ToLowerInvariant();
        // The character's fixed seed, when it has one, picks what the words leave open: a new seed is a new look.
        var random = new StableRandom(StableHash.Of((character.Seed is { } seed ? $"{seed}|" : "") + character.Name + "|" + appearance));

        var feminine = character.Gender is { Length: > 0 } gender
            ? gender.StartsWith('f') || gender.StartsWith('F') || gender.Contains('女')
            : FeminineWords.Any(word => WordMatch.Mentions(appearance, word));

        var hairColour = FindColour(HairWords, appearance) ?? random.Pick(HairTones);
        var withoutHair = HairWords.SelectMany(h => h.Words).Aggregate(appearance, (text, word) => text.Replace(word, " "));
        // Only what the description names: a coroner with no earrings in his description wears none.
        var accessory = AccessoryWords.FirstOrDefault(a => a.Words.Any(word => WordMatch.Mentions(appearance, word))).Accessory;
        // The accessory's colour is the one named in its own phrase ("a red scarf"); the clothes take the colours left.
        var (accessoryColour, withoutAccessory) = accessory == Accessory.None ? (null, withoutHair) : PhraseColour(withoutHair, AccessoryWords.First(a => a.Accessory == accessory).Words);
        var clothes = FindColour(ClothesWords, withoutAccessory) ?? random.Pick(ClothesTones);
        var trousers = StylePalette.Mix(clothes, SKColor.Parse("#1C1D24"), random.Between(0.45f, 0.8f));
        var ownColour = accessoryColour ?? random.Pick(ClothesTones.Where(c => c != clothes).ToArray());
        var prop = PropWords.FirstOrDefault(p => p.Words.Any(word => WordMatch.Mentions(appearance, word))).Prop;

        HairStyle[] styles = feminine
            ? [HairStyle.Long, HairStyle.Bun, HairStyle.Ponytail, HairStyle.Bob]
            : [HairStyle.Short, HairStyle.Spiky, HairStyle.Short, HairStyle.Bob];
        var hairStyle = DescribedHairStyle(appearance) ?? random.Pick(styles);

        var age = character.Age ?? 0;
        var height = age is > 0 and < 13 ? 0.72f : random.Between(feminine ? 0.9f : 0.96f, feminine ? 0.98f : 1.04f);
        return new CharacterLook(
            character.Name,
            feminine,
            random.Pick(SkinTones),
            age >= 60 && FindColour(HairWords, appearance) is null ? SKColor.Parse("#D9D9DE") : hairColour,
            hairStyle,
            clothes,
            trousers,
            accessory,
            height,
            random.Between(feminine ? 0.85f : 0.95f, feminine ? 1f : 1.15f),
            ownColour,
            prop);
    }

    private static readonly char[] PhraseBreaks = [',', '，', ';', '；', '。', '、', '.', '(', ')', '（', '）'];

    /// <summary>
    /// The colour that modifies the accessory word itself ("a red scarf", "a red silk scarf", "红色围巾", "红色的围巾"), and the
    /// description without that colour word so that it does not colour the clothes as well; none when no colour is that close
    /// ("a navy suit with glasses" names the suit's colour, not the glasses').
    /// </summary>
    private static (SKColor? Colour, string Remainder) PhraseColour(string text, string[] accessoryWords)
    {
        var at = accessoryWords.Select(word => WordMatch.IndexOf(text, word)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (at <= 0)
            return (null, text);
        var cjk = !char.IsAscii(text[at]);
        var start = Math.Max(text.LastIndexOfAny(PhraseBreaks, at - 1) + 1, at - (cjk ? 5 : 24));
        var best = (Index: -1, Length: 0, Colour: default(SKColor));
        foreach (var (words, colour) in ClothesWords)
        {
            foreach (var word in words)
            {
                var found = text.LastIndexOf(word, at - 1, at - start, StringComparison.Ordinal);
                if (found < 0 || found <= best.Index)
                    continue;
                var between = text[(found + word.Length)..at];
                // At most two words between a Latin colour and its accessory ("red silk"), none that starts a new phrase.
                var near = cjk ? !between.Any(char.IsAscii) || between.Trim().Length == 0
                    : between.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2 && !between.Contains(" with ") && !between.Contains(" and ");
                if (near && (cjk || found == 0 || !char.IsLetter(text[found - 1])))
                    best = (found, word.Length, colour);
            }
        }
        return best.Index < 0 ? (null, text) : (best.Colour, text[..best.Index] + new string(' ', best.Length) + text[(best.Index + best.Length)..]);
    }

    private static readonly (string[] Words, HairStyle Style)[] HairStyleWords =
    [
        (["bun", "chignon", "髻", "盘发", "盘起", "挽起"], HairStyle.Bun),
        (["ponytail", "马尾"], HairStyle.Ponytail),
        (["bob", "波波头", "齐耳"], HairStyle.Bob),
        (["spiky", "刺猬头", "寸头", "板寸"], HairStyle.Spiky),
        (["slicked-back", "slicked back", "slicked", "背头", "short hair", "crew cut", "buzz cut", "cropped", "短发", "平头"], HairStyle.Short),
        (["long hair", "长发", "披肩", "及腰"], HairStyle.Long),
    ];

    /// <summary>The hair style the description names (the earliest mention wins), or null when it names none.</summary>
    internal static HairStyle? DescribedHairStyle(string appearance)
    {
        HairStyle? found = null;
        var earliest = int.MaxValue;
        foreach (var (words, style) in HairStyleWords)
        {
            foreach (var word in words)
            {
                var at = appearance.IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && at < earliest)
                    (earliest, found) = (at, style);
            }
        }
        return found;
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
