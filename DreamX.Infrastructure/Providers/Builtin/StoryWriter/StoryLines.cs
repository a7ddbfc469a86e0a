using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>Template lines turned into script lines with the cast's names filled in.</summary>
internal static class StoryLines
{
    public static ScriptLine ToScriptLine(TemplateLine line, StoryCast cast) => line.IsNarration
        ? new ScriptLine(ScriptLineKind.Narration, null, cast.Fill(line.Text), line.Emotion)
        : new ScriptLine(ScriptLineKind.Dialogue, line.Speaker, cast.Fill(line.Text), line.Emotion);

    /// <summary>What a reader sees for a plan's hook or cliffhanger: the last spoken line of the section.</summary>
    public static string Gist(TemplateSection section, StoryCast cast) =>
        section.Lines.Count == 0 ? "" : cast.Fill(section.Lines[^1].Text);
}
