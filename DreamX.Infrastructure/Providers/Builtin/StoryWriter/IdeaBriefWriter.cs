using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>"Improve my idea": the idea rewritten as a brief (genre, setting, protagonist, tone, conflict).</summary>
internal static class IdeaBriefWriter
{
    public static IdeaBrief Write(ImproveIdeaContext context)
    {
        var checkpoint = context.Checkpoint;
        var template = GenreTemplates.For(checkpoint.Genre, checkpoint.Idea, checkpoint.Language);
        var cast = StoryCast.From(checkpoint, template);
        var hero = cast.Characters[0];
        var zh = template.IsChinese;
        var protagonist = zh
            ? $"{hero.Name}，{hero.Age}岁，{hero.Occupation}。{hero.Bio}"
            : $"{hero.Name}, {hero.Age}, {hero.Occupation}. {hero.Bio}";
        var idea = zh
            ? $"{cast.Fill(template.Logline)}{Sentence(checkpoint.Idea, zh)}"
            : $"{cast.Fill(template.Logline)} {Sentence(checkpoint.Idea, zh)}";
        return new IdeaBrief(template.Genre, cast.Fill(template.World), protagonist, template.Tone, cast.Fill(template.Conflict), idea.Trim());
    }

    // The creator's own words are kept: their idea closes the brief as the story's premise.
    private static string Sentence(string idea, bool zh)
    {
        var trimmed = idea.Trim();
        if (trimmed.Length == 0)
            return "";
        return zh ? $"创作者的原始设想：{trimmed}" : $"The creator's premise: {trimmed}";
    }
}
