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
