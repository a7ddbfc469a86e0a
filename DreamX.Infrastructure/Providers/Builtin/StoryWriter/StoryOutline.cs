namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>One episode's share of the story: the hook that opens it, its beats (one scene each) and the cliffhanger.</summary>
internal sealed record EpisodeOutline(int Number, TemplateSection Hook, IReadOnlyList<TemplateSection> Sections, TemplateSection Cliffhanger);

/// <summary>
/// Deals the template's beats out over the episodes: the first opens with setup and inciting incident, the last holds the
/// reversal, escalations fill each episode up to its duration. The bible and the scripts both read the same outline.
/// </summary>
internal static class StoryOutline
{
    public static IReadOnlyList<EpisodeOutline> Plan(GenreTemplate template, int episodeCount, int episodeSeconds)
    {
        var hooks = template.Of(Beat.Hook);
        var cliffhangers = template.Of(Beat.Cliffhanger);
        var escalations = template.Of(Beat.Escalation);
        var nextEscalation = 0;
        var episodes = new List<EpisodeOutline>();

        for (var number = 1; number <= episodeCount; number++)
        {
            var first = number == 1;
            var last = number == episodeCount;
            var hook = hooks[(number - 1) % hooks.Count];
            var cliffhanger = last && episodeCount > 1
                ? cliffhangers[^1]
                : cliffhangers[(number - 1) % Math.Max(1, cliffhangers.Count - (episodeCount > 1 ? 1 : 0))];

            var opening = first ? new List<TemplateSection> { template.Single(Beat.Setup), template.Single(Beat.Inciting) } : [];
            var closing = last ? new List<TemplateSection> { template.Single(Beat.Reversal) } : [];
            var middle = new List<TemplateSection>();

            // Every middle episode is made of escalations, so earlier episodes leave at least one for each of them
            // (while there are enough); an escalation is taken when it brings the episode closer to its duration.
            var middleEpisodesAfter = Math.Max(0, episodeCount - 1 - number);
            var mustEscalate = !first && !last;
            for (var taken = 0; taken < escalations.Count; taken++)
            {
                var left = escalations.Count - nextEscalation;
                if (!(mustEscalate && middle.Count == 0) && left <= middleEpisodesAfter)
                    break;
                var candidate = escalations[nextEscalation % escalations.Count];
                var without = EstimateSeconds(template, [hook, .. opening, .. middle, .. closing, cliffhanger]);
                var withIt = EstimateSeconds(template, [hook, .. opening, .. middle, candidate, .. closing, cliffhanger]);
                if (!(mustEscalate && middle.Count == 0) && Math.Abs(withIt - episodeSeconds) >= Math.Abs(without - episodeSeconds))
                    break;
                middle.Add(candidate);
                nextEscalation++;
            }
            episodes.Add(new EpisodeOutline(number, hook, [.. opening, .. middle, .. closing], cliffhanger));
        }
        return episodes;
    }

    /// <summary>Screen time of sections at the default pacing, with two-character names standing in for the placeholders.</summary>
    public static decimal EstimateSeconds(GenreTemplate template, IEnumerable<TemplateSection> sections)
    {
        var stand = template.IsChinese ? "某某" : "Sam";
        decimal total = 0;
        foreach (var section in sections)
        {
            if (section.Location.Length > 0)
                total += Pacing.DefaultSilent;
            foreach (var line in section.Lines)
                total += Pacing.ShotSeconds(PlaceholderPattern.Replace(line.Text, stand), template.IsChinese);
        }
        return total;
    }

    private static readonly System.Text.RegularExpressions.Regex PlaceholderPattern = new(@"\{[a-z]+\}", System.Text.RegularExpressions.RegexOptions.Compiled);
}
