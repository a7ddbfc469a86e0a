using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// "Improve my idea": the idea rewritten as a brief (genre, setting, protagonist, tone, conflict). The creator's protagonist
/// and premise stay: the brief names the protagonist, retells the premise and adds the conflict and stakes the idea left out.
/// </summary>
internal static class IdeaBriefWriter
{
    public static IdeaBrief Write(ImproveIdeaContext context)
    {
        var checkpoint = context.Checkpoint;
        var template = IdeaStory.For(checkpoint.Genre, checkpoint);
        var cast = StoryCast.From(checkpoint, template);
        var hero = cast.Characters[0];
        var zh = template.IsChinese;
        var protagonist = zh
            ? $"{hero.Name}，{hero.Age}岁，{hero.Occupation}。{hero.Bio}"
            : $"{hero.Name}, {hero.Age}, {hero.Occupation}. {hero.Bio}";
        var idea = zh
            ? $"{cast.Fill(template.Logline)}{cast.Fill(template.Conflict)}"
            : $"{cast.Fill(template.Logline)} {cast.Fill(template.Conflict)}";
        return new IdeaBrief(template.Genre, cast.Fill(template.World), protagonist, template.Tone, cast.Fill(template.Conflict), idea.Trim());
    }
}
