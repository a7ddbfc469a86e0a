using DreamX.Domain.Characters;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>Distinct character names from per-language pools, for the roles the idea does not name.</summary>
internal static class NameGenerator
{
    private static readonly string[] ChineseSurnames = ["林", "顾", "苏", "沈", "陆", "江", "许", "叶", "温", "傅", "秦", "唐", "宋", "周", "贺", "程", "白", "萧"];
    private static readonly string[] ChineseFemale = ["晚", "念安", "知意", "清欢", "若溪", "语桐", "星遥", "初夏", "思瑶", "沐晴", "南枝", "芷宁"];
    private static readonly string[] ChineseMale = ["北辰", "景深", "亦寒", "承泽", "牧之", "时砚", "子墨", "远舟", "慕白", "云霆", "怀瑾", "衍"];
    private static readonly string[] ChineseElderFemale = ["秀兰", "玉梅", "淑芬", "桂英"];
    private static readonly string[] ChineseElderMale = ["国华", "建国", "振邦", "德明"];

    private static readonly string[] EnglishSurnames = ["Hart", "Sinclair", "Blake", "Reyes", "Whitmore", "Calloway", "Mercer", "Vance", "Hale", "Thorne", "Quinn", "Archer", "Lowell", "Serrano"];
    private static readonly string[] EnglishFemale = ["Emma", "Chloe", "Nora", "Ivy", "Grace", "Lena", "Ruby", "Clara", "Maya", "Tessa", "Iris", "June"];
    private static readonly string[] EnglishMale = ["Ethan", "Julian", "Caleb", "Owen", "Adrian", "Miles", "Declan", "Rhys", "Theo", "Luca", "Felix", "Silas"];
    private static readonly string[] EnglishElderFemale = ["Margaret", "Helen", "Dorothy", "Agnes"];
    private static readonly string[] EnglishElderMale = ["Arthur", "Walter", "Harold", "Frank"];

    /// <summary>A name for the role that shares neither its full name nor its surname with <paramref name="taken"/>.</summary>
    public static string Next(bool chinese, Gender gender, int age, StoryDice dice, IReadOnlyCollection<string> taken)
    {
        var elder = age >= 50;
        var given = (chinese, gender, elder) switch
        {
            (true, Gender.Male, true) => ChineseElderMale,
            (true, _, true) => ChineseElderFemale,
            (true, Gender.Male, false) => ChineseMale,
            (true, _, false) => ChineseFemale,
            (false, Gender.Male, true) => EnglishElderMale,
            (false, _, true) => EnglishElderFemale,
            (false, Gender.Male, false) => EnglishMale,
            _ => EnglishFemale,
        };
        var surnames = chinese ? ChineseSurnames : EnglishSurnames;
        var start = dice.Next(surnames.Length * given.Length);
        for (var i = 0; i < surnames.Length * given.Length; i++)
        {
            var index = (start + i) % (surnames.Length * given.Length);
            var surname = surnames[index % surnames.Length];
            var first = given[index / surnames.Length];
            var name = chinese ? surname + first : $"{first} {surname}";
            if (!taken.Any(t => t == name || SharesPart(t, surname, first, chinese)))
                return name;
        }
        return chinese ? "无名" : $"Extra {taken.Count + 1}";
    }

    /// <summary>How the story calls a character in dialogue: the given name in English, the full name in Chinese.</summary>
    public static string ShortName(string name, bool chinese) =>
        chinese || !name.Contains(' ') ? name : name[..name.IndexOf(' ')];

    private static bool SharesPart(string taken, string surname, string first, bool chinese) => chinese
        ? taken.StartsWith(surname, StringComparison.Ordinal) || taken.EndsWith(first, StringComparison.Ordinal)
        : taken.EndsWith(" " + surname, StringComparison.Ordinal) || taken.StartsWith(first + " ", StringComparison.Ordinal) || taken == first;
}
