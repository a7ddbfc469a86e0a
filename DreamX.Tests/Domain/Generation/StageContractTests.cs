using System.Text.Json.Nodes;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Stories;

namespace DreamX.Tests.Domain.Generation;

public class StageContractTests
{
    private static readonly StoryBibleDraft Bible = new(
        "标题", "甜宠", "一句话故事", "梗概", "世界观", ["主题"], "基调", [new EpisodePlanEntry(1, "第一集", "概要", "钩子", "悬念")]);

    [Fact]
    public void Stage_json_is_camel_case_with_enums_as_strings_and_chinese_unescaped()
    {
        var json = StageJson.Serialize(new CharacterDraft("hero", "林晚", "设计师", CharacterLevel.Major, Gender.Female, 24, 165, "", "", ""));

        Assert.Contains("\"level\": \"major\"", json);
        Assert.Contains("林晚", json);
    }

    [Fact]
    public void An_answer_missing_a_required_field_does_not_fit_the_schema()
    {
        var answer = JsonNode.Parse(StageJson.Serialize(Bible))!.AsObject();
        answer.Remove("logline");

        var problems = StageSchemaCheck.Problems(answer.ToJsonString(), StageSchemas.For(GenerationTaskType.StoryBible));

        Assert.Contains(problems, p => p.Contains("logline"));
    }

    [Fact]
    public void An_answer_with_an_unknown_enum_value_does_not_fit_the_schema()
    {
        var answer = JsonNode.Parse(StageJson.Serialize(new CharacterListDraft(
            [new CharacterDraft("hero", "Emma", "designer", CharacterLevel.Major, Gender.Female, 24, 165, "", "", "")])))!;
        answer["characters"]![0]!["level"] = "protagonist";

        var problems = StageSchemaCheck.Problems(answer.ToJsonString(), StageSchemas.For(GenerationTaskType.Characters));

        Assert.Contains(problems, p => p.Contains("level"));
    }

    [Fact]
    public void Reading_an_answer_without_a_required_field_is_a_failure_with_the_reason()
    {
        var answer = JsonNode.Parse(StageJson.Serialize(Bible))!.AsObject();
        answer.Remove("episodePlan");

        var result = StageJson.Deserialize<StoryBibleDraft>(answer.ToJsonString());

        Assert.True(result.IsFailure);
        Assert.Contains("episodePlan", result.Error);
    }

    [Fact]
    public void Every_text_stage_has_a_schema_and_a_written_answer_round_trips()
    {
        var json = StageJson.Serialize(Bible);

        // The six drama stages, the image-text note's outline and post, and the translation of an episode's lines.
        Assert.Equal(9, StageSchemas.TextStages.Count);
        Assert.Empty(StageSchemaCheck.Problems(json, StageSchemas.For(GenerationTaskType.StoryBible)));
        Assert.Equal(json, StageJson.Serialize(StageJson.Deserialize<StoryBibleDraft>(json).Value));
    }
}
