using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// The genre template made the idea's own: the genre keeps its tone, structure and secondary roles, while the protagonist
/// (role, name, gender, age), the logline, conflict, world and title, the first episode's hook and its first two scenes come
/// from what <see cref="IdeaFactsReader"/> found in the idea. The later beats (escalations, the reversal, later hooks and
/// the cliffhangers) carry the premise forward: the protagonist, the key object and the relationship return in every one
/// of them. A script-based project keeps the plain template.
/// </summary>
internal static class IdeaStory
{
    /// <summary>The template every stage of a checkpoint writes from (the same for all stages, so they agree).</summary>
    public static GenreTemplate For(string? genre, StoryCheckpoint checkpoint)
    {
        var template = GenreTemplates.For(genre, checkpoint.Idea, checkpoint.Language);
        if (checkpoint.Type == ProjectType.ScriptBased)
            return template;
        var facts = IdeaFactsReader.Read(checkpoint.Idea, template.IsChinese);
        return facts.HasPremise ? Adapt(template, facts) : template;
    }

    public static GenreTemplate Adapt(GenreTemplate template, IdeaFacts facts)
    {
        var zh = template.IsChinese;
        var words = new Words(facts, template, zh);
        var heroRole = template.Roles[0];
        var gender = facts.Gender ?? heroRole.Gender;
        var (minAge, maxAge) = facts.Age is { } age ? (Math.Max(8, age - 2), age + 2) : (heroRole.MinAge, heroRole.MaxAge);
        var hero = heroRole with
        {
            Gender = gender,
            MinAge = minAge,
            MaxAge = maxAge,
            Occupation = facts.Role ?? heroRole.Occupation,
            Bio = words.Bio(),
            Appearance = HeroLooks.Describe(facts, gender, (minAge + maxAge) / 2, zh),
            Voice = gender == heroRole.Gender ? heroRole.Voice : zh ? (gender == Gender.Male ? "沉稳真诚的男声" : "清澈坚定的女声") : gender == Gender.Male ? "a steady, earnest male voice" : "a clear, determined female voice",
        };
        var roles = template.Roles.ToList();
        roles[0] = hero;
        if (words.KinRole(roles) is { } kin)
            roles[roles.FindIndex(r => r.Key == kin.Key)] = kin;

        var sections = template.Sections.ToList();
        var firstHook = sections.FindIndex(s => s.Beat == Beat.Hook);
        if (firstHook >= 0)
            sections[firstHook] = sections[firstHook] with { Lines = [new TemplateLine(TemplateLine.Narration, zh ? "悬念" : "suspense", words.Hook(), false)] };
        var setup = sections.FindIndex(s => s.Beat == Beat.Setup);
        if (setup >= 0)
            sections[setup] = words.Setup(sections[setup]);
        var inciting = sections.FindIndex(s => s.Beat == Beat.Inciting);
        if (inciting >= 0)
            sections[inciting] = words.Inciting(sections[inciting]);
        var later = 0;
        for (var i = 0; i < sections.Count; i++)
        {
            sections[i] = sections[i].Beat switch
            {
                Beat.Escalation or Beat.Reversal => words.Carry(sections[i], later++),
                Beat.Hook when i != firstHook => sections[i] with { Lines = [new TemplateLine(TemplateLine.Narration, zh ? "悬念" : "suspense", words.LaterHook(later++), false)] },
                Beat.Cliffhanger => words.CarryCliffhanger(sections[i], later++),
                _ => sections[i],
            };
        }

        return template with
        {
            HeroName = facts.Name,
            Title = words.Title() ?? template.Title,
            Logline = words.Logline(),
            Conflict = words.Conflict(),
            World = words.World(),
            Roles = roles,
            Sections = sections,
        };
    }

    /// <summary>The sentences written from the facts, with {hero}/{partner} placeholders the cast fills in.</summary>
    private sealed class Words(IdeaFacts facts, GenreTemplate template, bool zh)
    {
        private string She => zh ? (Female ? "她" : "他") : Female ? "she" : "he";
        private string Her => zh ? (Female ? "她" : "他") : Female ? "her" : "his";
        private bool Female => (facts.Gender ?? template.Roles[0].Gender) == Gender.Female;
        private string Role => facts.Role ?? template.Roles[0].Occupation;
        private string? Object => facts.KeyObject;
        private string ObjectPhrase => facts.ObjectPhrase ?? facts.KeyObject ?? "";

        /// <summary>The idea retold with the protagonist named: "外卖骑手{hero}在暴雨夜捡到一部手机，……".</summary>
        public string Premise()
        {
            var idea = facts.Premise.Trim();
            string told;
            if (facts.Name is { } name && idea.Contains(name, StringComparison.Ordinal))
                told = ReplaceFirst(idea, name, "{hero}");
            else if (facts.Role is { } role && IndexOf(idea, role) is var at and >= 0)
            {
                var before = idea[..at];
                var trimmed = zh
                    ? System.Text.RegularExpressions.Regex.Replace(before, "(?:一个|一名|一位|一只|某个|有个)$", "")
                    : System.Text.RegularExpressions.Regex.Replace(before, @"(?i)\b(?:an?|the|one)\s+$", "");
                var named = zh ? $"{role}{{hero}}" : $"{role} {{hero}}";
                if (trimmed.Length == 0 && !zh)
                    named = char.ToUpperInvariant(named[0]) + named[1..];
                told = trimmed + named + idea[(at + role.Length)..];
            }
            else
                told = zh ? $"{{hero}}：{idea}" : $"{{hero}}: {idea}";
            told = told.TrimEnd('。', '.', '！', '!', ' ');
            return zh ? told + "。" : told + ".";
        }

        public string Logline() => zh ? $"{Premise()}{Stakes()}" : $"{Premise()} {Stakes()}";

        private string Stakes() => (template.Key, zh) switch
        {
            ("mystery", true) => $"可{She}每靠近真相一步，就有人想让{She}永远闭嘴。",
            ("mystery", false) => $"Every step toward the truth brings {Pronoun()} closer to whoever wants {Pronoun()} silenced.",
            ("romance", true) => $"{She}没想到，这会把{She}推向一个{She}发誓绝不会爱上的人。",
            ("romance", false) => $"It pushes {Pronoun()} toward the one person {She} swore never to fall for.",
            ("revenge", true) => $"欠{She}的，{She}要一样一样亲手拿回来。",
            ("revenge", false) => $"What was taken from {Pronoun()}, {She} will take back piece by piece.",
            ("family", true) => $"{She}必须在来不及之前，和家人把话说开。",
            ("family", false) => $"{Capital(She)} has to make peace with {Her} family before it is too late.",
            ("scifi", true) => $"而{She}发现，自己所相信的世界也许从来不是真的。",
            ("scifi", false) => $"And the world {She} trusts may never have been real.",
            ("xianxia", true) => $"从此{She}踏上逆天改命的路。",
            ("xianxia", false) => $"From that day {She} walks the path that defies heaven.",
            (_, true) => $"这一次，{She}决定不再退让。",
            _ => $"This time {She} refuses to back down.",
        };

        private string Pronoun() => Female ? "her" : "him";

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

        public string Conflict()
        {
            var thing = Object is null ? "" : zh ? $"{ObjectPhrase}" : $"the {Object}";
            var who = facts.Relation;
            return (zh, thing.Length > 0, who is not null) switch
            {
                (true, true, true) => $"{Role}{{hero}}守着{thing}，要在一切来不及之前找到{who}，却发现有人比{She}更想得到它。",
                (true, true, false) => $"{Role}{{hero}}不肯放下{thing}，而它背后的人和事，正一点点把{She}卷进去。",
                (true, false, true) => $"{Role}{{hero}}和{who}之间的事，逼得{She}做出此生最难的选择。",
                (true, false, false) => $"{Role}{{hero}}必须为自己的选择付出代价。",
                (false, true, true) => $"{Capital(Role)} {{hero}} holds on to {thing} and must reach {who} in time, while someone else wants it more.",
                (false, true, false) => $"{Capital(Role)} {{hero}} will not let go of {thing}, and what stands behind it pulls {Pronoun()} in deeper.",
                (false, false, true) => $"What lies between {Role} {{hero}} and {who} forces the hardest choice of {Her} life.",
                _ => $"{Capital(Role)} {{hero}} must pay for {Her} choice.",
            };
        }

        public string World()
        {
            var where = facts.Setting ?? "{place}";
            return zh
                ? $"故事发生在{where}{(facts.Time is { } t1 ? $"，从一个{t1}开始" : "")}。{template.Tone}。"
                : $"The story is set in {where}{(facts.Time is { } t2 ? $" and begins {t2}" : "")}. {Capital(template.Tone)}.";
        }

        public string? Title()
        {
            if (Object is null)
                return facts.Relation is { } r ? zh ? $"寻找{Short(r)}" : $"Finding {Capital(Short(r))}" : null;
            if (facts.Relation is { } relation)
                return zh ? $"{Object}里的{Short(relation)}" : $"The {Capital(Object)} and the {Capital(Short(relation))}";
            return zh ? (facts.Time is { Length: <= 4 } t ? $"{t}的{Object}" : $"那个{Object}") : $"The {Capital(Object)}";
        }

        // "my sister" for kin, "the stranger" for anyone else
        private string Mine(string relation)
        {
            var bare = Short(relation);
            return KinGender(bare.Split(' ')[^1]) is not null && !bare.Contains("girl") && !bare.Contains("boy") && !bare.Contains("man") ? $"my {bare}" : $"the {bare}";
        }

        // "her sister" for kin, "the stranger" for anyone else (told about, not spoken to)
        private string Theirs(string relation)
        {
            var bare = Short(relation);
            return KinGender(bare.Split(' ')[^1]) is not null && !bare.Contains("girl") && !bare.Contains("boy") && !bare.Contains("man") ? $"{Her} {bare}" : $"the {bare}";
        }

        private string Short(string relation) => zh ? relation : System.Text.RegularExpressions.Regex.Replace(relation, @"^(?:her|his|their|my|a|an|the)\s+", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        public string Bio() => zh
            ? $"{Premise()}{(facts.RelationPhrase is { } r1 ? $"{r1}是{She}放不下的人。" : "")}"
            : $"{Premise()}{(facts.RelationPhrase is { } r2 ? $" {Capital(r2)} is the one {She} cannot let go of." : "")}";

        public string Hook()
        {
            var time = facts.Time;
            if (zh)
            {
                var lead = time is null || (facts.Action ?? "").Contains(time, StringComparison.Ordinal) ? "" : $"{time}，";
                var act = facts.Action is { Length: <= 24 } a ? a : Object is null ? "遇到了一件改变一生的事" : $"遇到了{ObjectPhrase}";
                var after = Object is null ? "一切从这一刻开始。" : $"{She}还不知道，{Demonstrative()}{Object}会改变一切。";
                return $"{lead}{Role}{{hero}}{act}。{after}";
            }
            var when = time is null || (facts.Action ?? "").Contains(time, StringComparison.OrdinalIgnoreCase) ? "" : $"{Capital(time)}, ";
            var action = facts.Action is { } e && e.Split(' ').Length <= 14 ? e : Object is null ? "faces the day that changes everything" : $"comes across {Article(ObjectPhrase)}";
            var closing = Object is null ? "Nothing will be the same." : $"{Capital(She)} has no idea what the {Object} will cost.";
            var subject = when.Length == 0 ? Capital(Role) : Role;
            return $"{when}{subject} {{hero}} {action}. {closing}";
        }

        private static string Article(string phrase) =>
            System.Text.RegularExpressions.Regex.IsMatch(phrase, @"^(?:a|an|the|her|his|their|my|some)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? phrase
                : ("aeiou".Contains(char.ToLowerInvariant(phrase.FirstOrDefault('x'))) ? "an " : "a ") + phrase;

        // "这部" for a phone, "这封" for a letter: the classifier the idea itself used, else 个.
        private string Demonstrative()
        {
            var phrase = facts.Premise;
            var at = Object is null ? -1 : phrase.IndexOf(Object, StringComparison.Ordinal);
            if (at > 0)
            {
                var window = phrase[Math.Max(0, at - 12)..at];
                var m = System.Text.RegularExpressions.Regex.Matches(window, "[一两几](?<c>[个部封枚张把只本台块条件辆座间家盒瓶颗支双位首幅串份片根面扇套杯袋箱口头匹朵粒架艘道盏具段卷则通])");
                if (m.Count > 0)
                    return "这" + m[^1].Groups["c"].Value;
            }
            return "这个";
        }

        public TemplateSection Setup(TemplateSection original)
        {
            var location = facts.Setting ?? original.Location;
            var time = facts.TimeOfDay ?? original.TimeOfDay;
            var setting = facts.Outdoors is { } outdoors ? outdoors ? SceneSetting.Exterior : SceneSetting.Interior : original.Setting;
            var actions = new List<string>();
            var lines = new List<TemplateLine>();
            if (zh)
            {
                actions.Add(facts.Action is { } a ? $"{Role}{{hero}}{a}。" : $"{Role}{{hero}}出现在{location}。");
                if (Object is not null)
                    actions.Add($"特写：{ObjectPhrase}。");
                if (facts.Incident is { } incident && incident != facts.Action && !incident.StartsWith(Role, StringComparison.Ordinal))
                    lines.Add(new TemplateLine("hero", "震惊", incident.Length <= 28 ? $"怎么会……{incident}？" : $"这不可能……", false));
                if (Object is not null)
                    lines.Add(new TemplateLine("hero", "疑惑", facts.Relation is { } r ? $"{Demonstrative()}{Object}……难道和{r}有关？" : $"{Demonstrative()}{Object}，到底藏着什么？", false));
                else if (facts.Relation is { } r2)
                    lines.Add(new TemplateLine("hero", "颤抖", $"{r2}……真的是你吗？", false));
                lines.Add(new TemplateLine("hero", "决绝", Resolve(), true));
            }
            else
            {
                actions.Add(facts.Action is { } a ? $"{Capital(Role)} {{hero}} {a}." : $"{Capital(Role)} {{hero}} arrives at {location}.");
                if (Object is not null)
                    actions.Add($"Close on {Article(ObjectPhrase)}.");
                if (Object is not null)
                    lines.Add(new TemplateLine("hero", "uneasy", facts.Relation is { } r ? $"This {Object}... what does it have to do with {Mine(r)}?" : $"This {Object}... what are you hiding?", false));
                else if (facts.Relation is { } r2)
                    lines.Add(new TemplateLine("hero", "trembling", $"{Capital(r2)}... is that really you?", false));
                if (facts.Incident is { } incident && facts.Action is { } act && !incident.Contains(act, StringComparison.Ordinal) && incident.Split(' ').Length <= 16)
                    lines.Add(new TemplateLine(TemplateLine.Narration, "tense", incident, true));
                lines.Add(new TemplateLine("hero", "determined", Resolve(), true));
            }
            var title = zh ? (Object is null ? original.Title : $"{(facts.Time is { Length: <= 4 } t ? t : "那天")}的{Object}") : Object is null ? original.Title : $"The {Capital(Object)}";
            var summary = Premise();
            return original with { Title = title, Summary = summary, Setting = setting, Location = location, TimeOfDay = time, Actions = actions, Lines = lines };
        }

        public TemplateSection Inciting(TemplateSection original)
        {
            var lines = new List<TemplateLine>();
            var actions = new List<string>();
            var thing = Object;
            var who = facts.Relation;
            if (zh)
            {
                actions.Add(thing is null ? $"{{hero}}把发生的一切告诉了{{partner}}。" : $"{{hero}}把{ObjectPhrase}放在{{partner}}面前。");
                lines.Add(new TemplateLine("hero", "紧张", thing is null ? "你听我说，今天发生了一件事。" : $"你看，就是{Demonstrative()}{thing}。", false));
                lines.Add(new TemplateLine("partner", "怀疑", who is null ? $"一个{Role}，为什么偏偏是你？" : $"你确定这和{who}有关？", false));
                lines.Add(new TemplateLine("hero", "决绝", who is null ? "我不能当作什么都没发生。" : $"我等了太久了。这一次，我一定要找到{who}。", false));
                lines.Add(new TemplateLine("partner", "担忧", "那你要小心，有人不想让你知道真相。", true));
            }
            else
            {
                actions.Add(thing is null ? "{hero} tells {partner} everything." : $"{{hero}} sets the {thing} down in front of {{partner}}.");
                lines.Add(new TemplateLine("hero", "tense", thing is null ? "Listen to me. Something happened today." : $"Look. This {thing}.", false));
                lines.Add(new TemplateLine("partner", "doubtful", who is null ? $"A {Role}... why you, of all people?" : $"You really think this leads to {Mine(who)}?", false));
                lines.Add(new TemplateLine("hero", "determined", who is null ? "I can't pretend nothing happened." : $"I have waited long enough. This time I will find {Mine(who)}.", false));
                lines.Add(new TemplateLine("partner", "worried", "Then be careful. Someone doesn't want you to know.", true));
            }
            var title = zh ? (who is null ? original.Title : $"{who}的消息") : who is null ? original.Title : $"Word of {Capital(Short(who))}";
            var summary = zh
                ? $"{{hero}}把{(thing is null ? "发生的事" : ObjectPhrase)}告诉{{partner}}，{(who is null ? "决定追查下去" : $"决定不惜一切找到{who}")}。"
                : $"{{hero}} shows {{partner}} {(thing is null ? "what happened" : $"the {thing}")} and decides {(who is null ? "to see it through" : $"to find {who} at any cost")}.";
            var location = zh ? "{hero}的住处" : "{hero}'s place";
            return original with { Title = title, Summary = summary, Setting = SceneSetting.Interior, Location = location, TimeOfDay = TimeOfDay.Night, Actions = actions, Lines = lines };
        }

        /// <summary>What the protagonist is after from here on, one sentence ahead of a later scene's summary.</summary>
        // English: the object as the idea named it ("music box", not "box") when that is a short phrase.
        private string? Thing => zh || Object is null ? Object
            : System.Text.RegularExpressions.Regex.Replace(ObjectPhrase, @"^(?:a|an|the|her|his|their|my|some)\s+", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { } bare
              && bare.Split(' ').Length <= 3 && bare.Contains(Object, StringComparison.OrdinalIgnoreCase) ? bare : Object;

        private string Thread() => (zh, Object is not null, facts.Relation) switch
        {
            (true, true, { } r) => $"为了找到{r}，{{hero}}带着{ObjectPhrase}继续追查。",
            (true, true, null) => $"{{hero}}带着{ObjectPhrase}继续追查。",
            (true, false, { } r) => $"{{hero}}一心要找到{r}。",
            (true, false, null) => $"{Role}{{hero}}没有退路。",
            (false, true, { } r) => $"With the {Thing} in hand, {{hero}} keeps looking for {Theirs(r)}.",
            (false, true, null) => $"{{hero}} follows the trail of the {Thing}.",
            (false, false, { } r) => $"{{hero}} will not stop until {She} finds {Theirs(r)}.",
            _ => $"{Capital(Role)} {{hero}} has no way back.",
        };

        /// <summary>A later scene opens on the protagonist with the key object (or the person they are after).</summary>
        private string CarryAction(int index)
        {
            string[] options = (zh, Object is not null, facts.Relation is not null) switch
            {
                (true, true, _) => [$"{{hero}}把{ObjectPhrase}攥在手里。", $"{{hero}}又看了一眼{ObjectPhrase}。", $"{ObjectPhrase}一直在{{hero}}身上。"],
                (true, false, true) => [$"{{hero}}想起了{facts.Relation}。", $"{{hero}}盯着{facts.Relation}留下的痕迹。"],
                (true, false, false) => [$"{Role}{{hero}}深吸一口气。", $"{Role}{{hero}}站在原地，没有退后。"],
                (false, true, _) => [$"{{hero}} grips the {Thing}.", $"{{hero}} glances at the {Thing} again.", $"The {Thing} never leaves {{hero}}'s side."],
                (false, false, true) => [$"{{hero}} thinks of {Theirs(facts.Relation!)}.", $"{{hero}} studies what {Theirs(facts.Relation!)} left behind."],
                _ => [$"{Capital(Role)} {{hero}} takes a deep breath.", $"{Capital(Role)} {{hero}} stands firm."],
            };
            return options[index % options.Length];
        }

        /// <summary>The protagonist's line in a later scene, about the key object or the relationship; a reversal turns it around.</summary>
        private string CarryLine(Beat beat, int index)
        {
            var r = facts.Relation;
            string[] options = (zh, beat == Beat.Reversal, Object is not null, r is not null) switch
            {
                (true, true, true, _) => [$"原来{Demonstrative()}{Object}从一开始就是冲着我来的。"],
                (true, true, false, true) => [$"{r}……原来你一直都在我身边。"],
                (true, false, true, true) => [$"{Demonstrative()}{Object}是我找到{r}的唯一线索。", $"不管谁想抢走{Demonstrative()}{Object}，我都不会放手。", $"{r}，再等等我。"],
                (true, false, true, false) => [$"只要{Demonstrative()}{Object}还在，我就不会停下。", $"{Demonstrative()}{Object}背后的人，终于露面了。"],
                (true, false, false, true) => [$"{r}，再等等我。", $"我一定会找到{r}。"],
                (false, true, true, _) => [$"So the {Thing} was meant for me from the start."],
                (false, true, false, true) => [$"{Capital(Mine(r!))}... you were here all along."],
                (false, false, true, true) => [$"This {Thing} is the only way to {Mine(r!)}.", $"Whoever wants this {Thing}, I'm not letting go of it.", $"Hold on, I'm coming for {Mine(r!)}."],
                (false, false, true, false) => [$"As long as I have this {Thing}, I'm not stopping.", $"Whoever is behind this {Thing} is finally showing their face."],
                (false, false, false, true) => [$"Hold on, I'm coming for {Mine(r!)}.", $"I will find {Mine(r!)}."],
                _ => [Resolve()],
            };
            return options[index % options.Length];
        }

        /// <summary>A later scene of the template, told as part of this premise: its summary, first action and a line of the protagonist's.</summary>
        public TemplateSection Carry(TemplateSection original, int index)
        {
            var actions = new List<string> { CarryAction(index) };
            actions.AddRange(original.Actions);
            var lines = original.Lines.ToList();
            // Kept through trimming: the last two lines of a scene are never cut.
            lines.Insert(Math.Max(0, lines.Count - 1), new TemplateLine("hero", zh ? "坚定" : "determined", CarryLine(original.Beat, index), false));
            var summary = zh ? $"{Thread()}{original.Summary}" : $"{Thread()} {original.Summary}";
            return original with { Actions = actions, Lines = lines, Summary = summary };
        }

        /// <summary>A later episode's opening narration: where the premise stands now.</summary>
        public string LaterHook(int index)
        {
            var r = facts.Relation;
            string[] options = (zh, Object is not null, r is not null) switch
            {
                (true, true, true) => [$"{Role}{{hero}}离{r}又近了一步，可{Demonstrative()}{Object}也引来了更多的人。", $"{Demonstrative()}{Object}里的秘密，{{hero}}只解开了一半。"],
                (true, true, false) => [$"{Demonstrative()}{Object}，又一次把{Role}{{hero}}推向危险。", $"{Demonstrative()}{Object}里的秘密，{{hero}}只解开了一半。"],
                (true, false, true) => [$"{Role}{{hero}}离{r}又近了一步。"],
                (true, false, false) => [$"{Role}{{hero}}的选择，开始有了代价。"],
                (false, true, true) => [$"{Capital(Role)} {{hero}} is one step closer to {Theirs(r!)}, and the {Thing} draws more eyes.", $"{{hero}} has only half of the {Thing}'s secret."],
                (false, true, false) => [$"The {Thing} pulls {Role} {{hero}} into danger again.", $"{{hero}} has only half of the {Thing}'s secret."],
                (false, false, true) => [$"{Capital(Role)} {{hero}} is one step closer to {Theirs(r!)}."],
                _ => [$"{Capital(Role)} {{hero}}'s choice starts to cost."],
            };
            return options[index % options.Length];
        }

        /// <summary>A cliffhanger keeps its last line; its action brings the key object (or the protagonist) back into the frame.</summary>
        public TemplateSection CarryCliffhanger(TemplateSection original, int index) =>
            original with { Actions = [CarryAction(index), .. original.Actions] };

        private string Resolve() => (template.Key, zh) switch
        {
            ("mystery", true) => "不管真相是什么，我都要查到底。",
            ("mystery", false) => "Whatever the truth is, I'm going to find it.",
            ("romance", true) => "我怎么也没想到，一切会从今天开始。",
            ("romance", false) => "I never thought it would all start today.",
            ("revenge", true) => "欠我的，我会一样一样拿回来。",
            ("revenge", false) => "Everything they took, I'll take back.",
            ("family", true) => "有些话，我欠了太多年。",
            ("family", false) => "Some things I should have said years ago.",
            ("scifi", true) => "如果这是真的，那我们的世界就是假的。",
            ("scifi", false) => "If this is real, then our world isn't.",
            ("xianxia", true) => "既然天命选中了我，我便逆天而行。",
            ("xianxia", false) => "If fate chose me, I will defy it.",
            (_, true) => "这一次，我不会再退让。",
            _ => "This time, I won't back down.",
        };

        /// <summary>The idea's key relative as a supporting role ("{hero}的妹妹"), in place of the template's first supporting role.</summary>
        public TemplateRole? KinRole(List<TemplateRole> roles)
        {
            if (facts.Relation is not { } relation)
                return null;
            var core = zh ? relation : Short(relation).Split(' ')[^1];
            var female = KinGender(core);
            if (female is null)
                return null;
            var target = roles.Skip(1).FirstOrDefault(r => r.Level == CharacterLevel.Supporting && !template.Kin.Contains(r.Key));
            if (target is null)
                return null;
            var gender = female.Value ? Gender.Female : Gender.Male;
            var occupation = zh ? $"{{hero}}的{relation}" : $"{{hero}}'s {Short(relation)}";
            var bio = zh ? $"{facts.RelationPhrase ?? relation}。" : $"{Capital(facts.RelationPhrase ?? relation)}.";
            var voice = zh ? (female.Value ? "轻柔的女声" : "低沉的男声") : female.Value ? "a soft female voice" : "a low male voice";
            var appearance = target.Gender == gender ? target.Appearance : HeroLooks.Describe(IdeaFacts.Empty(""), gender, (target.MinAge + target.MaxAge) / 2, zh);
            return target with { Gender = gender, Occupation = occupation, Bio = bio, Voice = voice, Appearance = appearance };
        }

        private static bool? KinGender(string core)
        {
            string[] female = ["妹", "姐", "母", "妈", "妻", "婆", "女", "奶", "姥", "外婆", "sister", "mother", "mom", "wife", "daughter", "grandmother", "grandma", "aunt", "girlfriend", "fiancée", "girl", "woman", "stepmother"];
            string[] male = ["弟", "哥", "父", "爸", "夫", "公", "儿子", "爷", "男", "brother", "father", "dad", "husband", "son", "grandfather", "grandpa", "uncle", "boyfriend", "fiancé", "boy", "man", "stepfather"];
            var lower = core.ToLowerInvariant();
            if (female.Any(f => lower.EndsWith(f, StringComparison.Ordinal)))
                return true;
            if (male.Any(m => lower.EndsWith(m, StringComparison.Ordinal)))
                return false;
            return null;
        }

        private int IndexOf(string text, string part) => text.IndexOf(part, zh ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

        private static string ReplaceFirst(string text, string find, string with)
        {
            var at = text.IndexOf(find, StringComparison.Ordinal);
            return at < 0 ? text : text[..at] + with + text[(at + find.Length)..];
        }
    }
}

/// <summary>A protagonist's look from their role, gender and age, so the portrait shows who the idea describes.</summary>
internal static class HeroLooks
{
    private static readonly (string Head, string Zh, string En)[] Outfits =
    [
        ("骑手", "蓝色外卖雨衣，头盔夹在臂弯里", "a blue delivery raincoat, a helmet under one arm"),
        ("rider", "蓝色外卖雨衣，头盔夹在臂弯里", "a blue delivery raincoat, a helmet under one arm"),
        ("courier", "蓝色外卖雨衣，头盔夹在臂弯里", "a blue courier raincoat, a helmet under one arm"),
        ("医生", "白大褂，胸前口袋插着一支笔", "a white coat with a pen in the breast pocket"),
        ("doctor", "白大褂，胸前口袋插着一支笔", "a white coat with a pen in the breast pocket"),
        ("nurse", "浅蓝色护士服", "light blue scrubs"),
        ("护士", "浅蓝色护士服", "light blue scrubs"),
        ("厨师", "白色厨师服，系着黑色围裙", "white chef's whites and a black apron"),
        ("chef", "白色厨师服，系着黑色围裙", "white chef's whites and a black apron"),
        ("教师", "灰色开衫，戴一副细框眼镜", "a grey cardigan and thin-rimmed glasses"),
        ("teacher", "灰色开衫，戴一副细框眼镜", "a grey cardigan and thin-rimmed glasses"),
        ("程序员", "灰色连帽衫，背着黑色双肩包", "a grey hoodie and a black backpack"),
        ("programmer", "灰色连帽衫，背着黑色双肩包", "a grey hoodie and a black backpack"),
        ("警", "深蓝色警用夹克", "a navy police jacket"),
        ("detective", "深灰色风衣", "a dark grey trench coat"),
        ("律师", "黑色西装套装", "a black suit"),
        ("lawyer", "黑色西装套装", "a black suit"),
        ("司机", "深蓝色夹克", "a navy jacket"),
        ("driver", "深蓝色夹克", "a navy jacket"),
        ("保安", "黑色保安制服", "a black security uniform"),
        ("guard", "黑色保安制服", "a black security uniform"),
    ];

    public static string Describe(IdeaFacts facts, Gender gender, int age, bool zh)
    {
        var head = facts.RoleHead ?? facts.Role ?? "";
        var outfit = Outfits.FirstOrDefault(o => head.Contains(o.Head, StringComparison.OrdinalIgnoreCase) || (facts.Role ?? "").Contains(o.Head, StringComparison.OrdinalIgnoreCase));
        var female = gender == Gender.Female;
        if (zh)
        {
            var hair = age >= 55 ? female ? "花白的头发挽成低髻" : "花白的短发" : female ? "黑色长发扎成马尾" : "利落的黑色短发";
            var clothes = outfit.Zh ?? (age >= 55 ? "藏青色的旧外套" : female ? "米色风衣" : "深灰色夹克");
            return $"{hair}，{clothes}";
        }
        var enHair = age >= 55 ? female ? "grey hair in a low bun" : "short grey hair" : female ? "long black hair in a ponytail" : "short black hair";
        var enClothes = outfit.En ?? (age >= 55 ? "a worn navy coat" : female ? "a beige trench coat" : "a dark grey jacket");
        return $"{enHair}, {enClothes}";
    }
}
