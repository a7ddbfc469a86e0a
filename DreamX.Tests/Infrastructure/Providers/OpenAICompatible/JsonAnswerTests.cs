using DreamX.Infrastructure.Providers.OpenAICompatible;

namespace DreamX.Tests.Infrastructure.Providers.OpenAICompatible;

public sealed class JsonAnswerTests
{
    private const string Schema = """
        {"type":"object","required":["title","episodes"],
         "properties":{"title":{"type":"string"},"episodes":{"type":"array","items":{"type":"object","required":["number"],"properties":{"number":{"type":"integer"}}}}}}
        """;

    [Theory]
    [InlineData("""{"title":"雨夜","episodes":[{"number":1}]}""")]
    [InlineData("```json\n{\"title\":\"雨夜\",\"episodes\":[{\"number\":1}]}\n```")]
    [InlineData("Sure! Here is the bible:\n{\"title\":\"雨夜\",\"episodes\":[{\"number\":1}]}\nHope it helps.")]
    public void Json_is_found_bare_in_a_code_fence_or_in_prose(string content)
    {
        var (json, error) = JsonAnswer.Extract(content, Schema);

        Assert.Null(error);
        Assert.Equal("""{"title":"雨夜","episodes":[{"number":1}]}""", json);
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var (json, error) = JsonAnswer.Extract("""{"title":"x"}""", Schema);

        Assert.Null(json);
        Assert.Equal("$.episodes is required but missing", error);
    }

    [Fact]
    public void A_wrong_type_inside_an_array_item_is_named_with_its_path()
    {
        var (_, error) = JsonAnswer.Extract("""{"title":"x","episodes":[{"number":1},{"number":"two"}]}""", Schema);

        Assert.Equal("$.episodes[1].number should be integer but is string", error);
    }

    [Fact]
    public void Text_without_json_is_refused()
    {
        var (json, error) = JsonAnswer.Extract("I cannot help with that.", Schema);

        Assert.Null(json);
        Assert.NotNull(error);
    }
}

/// <summary>
/// Real model output read leniently where only one reading is possible, against the stages' own schemas, so that what
/// the schema check lets through the stage can also read.
/// </summary>
public sealed class LenientJsonAnswerTests
{
    private static readonly string ShotListSchema = DreamX.Domain.Generation.Stages.StageSchemas.For(DreamX.Domain.Generation.GenerationTaskType.ShotList);

    private const string ModelShotList = """
        {"EpisodeNumber": "1", "scene_number": " 2 ",
         "shots": [
           {"order": "1", "shotType": "closeUp", "cameraMove": "ZOOMIN", "durationSeconds": "3.5", "visualPrompt": "rain on a phone screen",
            "characterKeys": ["rider"], "spokenLine": {"kind": "Dialogue", "characterKey": "rider", "text": "是你吗？", "emotion": "shaken"},
            "transition": "cut"},
           {"order": 2, "shotType": "wide", "cameraMove": "static", "durationSeconds": 4, "visualPrompt": "an empty street",
            "characterKeys": [], "spokenLine": null, "transition": "fadeThroughBlack"}
         ]}
        """;

    [Fact]
    public void Numbers_as_strings_keys_in_another_case_and_enum_case_are_read_and_the_stage_can_convert_the_result()
    {
        var (json, error) = JsonAnswer.Extract(ModelShotList, ShotListSchema);

        Assert.Null(error);
        var draft = DreamX.Domain.Generation.Stages.StageJson.Deserialize<DreamX.Domain.Generation.Stages.ShotListDraft>(json!);
        Assert.True(draft.IsSuccess, draft.Error);
        Assert.Equal((1, 2, 3.5m), (draft.Value.EpisodeNumber, draft.Value.SceneNumber, draft.Value.Shots[0].DurationSeconds));
        Assert.Equal(DreamX.Domain.Scripts.CameraMove.ZoomIn, draft.Value.Shots[0].CameraMove);
        Assert.Null(draft.Value.Shots[1].SpokenLine);
    }

    [Theory]
    [InlineData("\"one\"", "should be integer")]
    [InlineData("\"1.5\"", "should be integer")]
    [InlineData("true", "should be")]
    public void A_value_that_is_no_number_fails_the_schema_check_not_the_stage_later(string episode, string expected)
    {
        var (json, error) = JsonAnswer.Extract(ModelShotList.Replace("\"EpisodeNumber\": \"1\"", $"\"EpisodeNumber\": {episode}", StringComparison.Ordinal), ShotListSchema);

        Assert.Null(json);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void An_unknown_enum_value_fails_the_schema_check()
    {
        var (_, error) = JsonAnswer.Extract(ModelShotList.Replace("\"ZOOMIN\"", "\"dolly-zoom\"", StringComparison.Ordinal), ShotListSchema);

        Assert.Contains("should be one of", error);
    }

    [Fact]
    public void A_union_type_is_checked()
    {
        const string schema = """{"type":"object","properties":{"note":{"type":["string","null"]}}}""";

        Assert.Null(JsonAnswer.Extract("""{"note":null}""", schema).Error);
        Assert.Null(JsonAnswer.Extract("""{"note":"x"}""", schema).Error);
        Assert.Equal("$.note should be string or null but is array", JsonAnswer.Extract("""{"note":[1]}""", schema).Error);
    }

    [Fact]
    public void Booleans_as_strings_are_read_where_a_boolean_is_wanted()
    {
        const string schema = """{"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}}""";

        Assert.Equal("""{"ok":true}""", JsonAnswer.Extract("""{"OK":"True"}""", schema).Json);
    }
}
