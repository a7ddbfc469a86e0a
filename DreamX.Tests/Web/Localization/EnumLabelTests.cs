using System.Xml.Linq;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Generation;
using DreamX.Tests.Support;

namespace DreamX.Tests.Web.Localization;

/// <summary>
/// Words the studio shows from its own vocabulary (shot types, camera moves, transitions, task kinds and states, why a
/// task failed, progress words) exist in both languages for every value, so no English name leaks into the Chinese UI.
/// </summary>
public sealed class EnumLabelTests
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot, "DreamX.Web", "Localization");

    public static TheoryData<string, string> Labels()
    {
        var data = new TheoryData<string, string>();
        void Add<TEnum>(string feature, string prefix) where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetNames<TEnum>())
                data.Add(feature, $"{prefix}.{value}");
        }
        Add<ShotType>("ScriptText", "ShotType");
        Add<CameraMove>("ScriptText", "CameraMove");
        Add<ShotTransition>("ScriptText", "ShotTransition");
        Add<GenerationTaskType>("TasksText", "Type");
        Add<GenerationTaskStatus>("TasksText", "Status");
        Add<GenerationTaskType>("FailureText", "Work");
        Add<TaskFailureReason>("FailureText", "Reason");
        foreach (var word in new[] { "writing", "rendering", "fetching media", "saving", "voicing" })
            data.Add("TasksText", $"Progress.{word}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Every_value_has_a_label_in_both_languages(string feature, string key)
    {
        var english = Read(feature + ".resx");
        var chinese = Read(feature + ".zh-CN.resx");

        Assert.True(english.ContainsKey(key), $"{feature}: '{key}' has no English text");
        Assert.True(chinese.ContainsKey(key), $"{feature}: '{key}' has no Chinese text");
        Assert.NotEqual(english[key], chinese[key]);
    }

    [Fact]
    public void A_chinese_projects_scene_heading_reads_as_a_chinese_script()
    {
        var scene = new Scene { Location = "医院走廊", TimeOfDay = TimeOfDay.Night, Setting = SceneSetting.Interior };

        Assert.Equal("医院走廊 夜 内", scene.HeadingIn("zh-CN"));
        Assert.Equal("INT. 医院走廊 - NIGHT", scene.HeadingIn("en-US"));
    }

    [Theory]
    [InlineData("timed out after 120 s", TaskFailureReason.TimedOut)]
    [InlineData("openai-main: 429 Too Many Requests", TaskFailureReason.ProviderBusy)]
    [InlineData("openai-main: 503 Service Unavailable", TaskFailureReason.ProviderUnavailable)]
    [InlineData("builtin: the answer does not fit the ShotList stage: $.shots[0].duration is not a number", TaskFailureReason.UnusableAnswer)]
    [InlineData("waiting on ShotImage 1a2b3c4d which failed: boom", TaskFailureReason.InputFailed)]
    [InlineData("shot 3: the image file is missing", TaskFailureReason.MediaMissing)]
    [InlineData("Object reference not set to an instance of an object.", TaskFailureReason.Unknown)]
    public void A_stored_error_is_read_into_a_reason_a_creator_can_act_on(string error, TaskFailureReason reason) =>
        Assert.Equal(reason, TaskFailureReasons.Classify(error));

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
