using DreamX.Domain.Scripts;

namespace DreamX.Tests.Domain.Scripts;

public sealed class PastedScriptTests
{
    [Fact]
    public void An_english_screenplay_reads_into_scenes_action_dialogue_and_narration()
    {
        var script = PastedScript.Parse("""
            INT. WARD 7 - NIGHT

            Rain against the windows. LENA checks the chart.

            LENA (worried): Who are you running from?
            MARK: Nobody you know.

            NARRATOR: She had seen that look before.

            EXT. HOSPITAL ROOF - DAWN

            MARK
            (quietly)
            They will come for me
            before the sun is up.

            LENA
            Then we leave now.
            """);

        var episode = Assert.Single(script.Episodes);
        Assert.Equal(2, episode.Scenes.Count);
        var ward = episode.Scenes[0];
        Assert.Equal((SceneSetting.Interior, "WARD 7", TimeOfDay.Night), (ward.Setting, ward.Location, ward.TimeOfDay));
        Assert.Equal(["Rain against the windows. LENA checks the chart."], ward.Actions);
        Assert.Equal(
            [new PastedLine("Lena", "Who are you running from?", "worried"), new PastedLine("Mark", "Nobody you know.", null), new PastedLine(null, "She had seen that look before.", null)],
            ward.Lines);
        var roof = episode.Scenes[1];
        Assert.Equal((SceneSetting.Exterior, "HOSPITAL ROOF", TimeOfDay.Dawn), (roof.Setting, roof.Location, roof.TimeOfDay));
        Assert.Equal(
            [new PastedLine("Mark", "They will come for me before the sun is up.", "quietly"), new PastedLine("Lena", "Then we leave now.", null)],
            roof.Lines);
        Assert.Equal(["Lena", "Mark"], script.Speakers);
    }

    [Fact]
    public void A_chinese_short_drama_script_reads_with_its_episodes_headings_and_marks()
    {
        var script = PastedScript.Parse("""
            第1集 雨夜
            1-1 医院走廊 夜 内
            △林娜推着药车走过走廊。
            林娜（紧张）：你到底在躲谁？
            陈默：你不认识的人。
            旁白：她见过这样的眼神。

            第2集：天台
            场景一：天台（黎明/外）
            陈默（画外音）：天亮之前，他们会来。
            林娜：那我们现在就走。
            林娜：别回头。
            """);

        Assert.Equal(2, script.Episodes.Count);
        Assert.Equal((1, "雨夜"), (script.Episodes[0].Number, script.Episodes[0].Title));
        var corridor = Assert.Single(script.Episodes[0].Scenes);
        Assert.Equal((SceneSetting.Interior, "医院走廊", TimeOfDay.Night), (corridor.Setting, corridor.Location, corridor.TimeOfDay));
        Assert.Equal(["林娜推着药车走过走廊。"], corridor.Actions);
        Assert.Equal(
            [new PastedLine("林娜", "你到底在躲谁？", "紧张"), new PastedLine("陈默", "你不认识的人。", null), new PastedLine(null, "她见过这样的眼神。", null)],
            corridor.Lines);
        Assert.Equal((2, "天台"), (script.Episodes[1].Number, script.Episodes[1].Title));
        var roof = Assert.Single(script.Episodes[1].Scenes);
        Assert.Equal((SceneSetting.Exterior, "天台", TimeOfDay.Dawn), (roof.Setting, roof.Location, roof.TimeOfDay));
        Assert.Equal(new PastedLine("陈默", "天亮之前，他们会来。", null), roof.Lines[0]);
        Assert.Equal(["林娜", "陈默"], script.Speakers);
    }

    [Fact]
    public void Text_without_headings_is_one_scene_and_a_sentence_with_a_colon_is_action()
    {
        var script = PastedScript.Parse("""
            The night shift starts like any other: quiet.
            Lena: Another long night.
            """);

        var scene = Assert.Single(Assert.Single(script.Episodes).Scenes);
        Assert.Equal(["The night shift starts like any other: quiet."], scene.Actions);
        Assert.Equal([new PastedLine("Lena", "Another long night.", null)], scene.Lines);
    }

    [Fact]
    public void A_line_that_only_starts_like_a_heading_stays_action()
    {
        var script = PastedScript.Parse("""
            场面一片混乱，所有人都在喊。
            INTERIOR design was never her thing.
            """);

        var scene = Assert.Single(Assert.Single(script.Episodes).Scenes);
        Assert.Equal(2, scene.Actions.Count);
        Assert.Empty(scene.Lines);
    }

    [Fact]
    public void An_empty_paste_has_no_scenes()
    {
        Assert.False(PastedScript.Parse("  \n\n ").HasScenes);
    }
}
