using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>A scene's look: lighting from setting and time of day, the genre's palette with a time accent, mood and key art.</summary>
internal static class SceneDesignWriter
{
    public static SceneDesign Write(SceneDesignContext context)
    {
        var checkpoint = context.Checkpoint;
        var template = GenreTemplates.For(context.Genre, checkpoint.Idea, checkpoint.Language);
        var zh = template.IsChinese;
        var scene = context.Scene;
        var lighting = StoryWords.Lighting(scene.Setting, scene.TimeOfDay, zh);
        var palette = template.Palette.Append(StoryWords.TimeAccent(scene.TimeOfDay)).Distinct().ToList();

        var peak = scene.Lines.LastOrDefault(l => StoryWords.IsStrong(l.Emotion)) ?? scene.Lines.LastOrDefault();
        var mood = peak is null ? template.Mood : zh ? $"{template.Mood}，落在“{peak.Emotion}”的情绪上" : $"{template.Mood}, landing on {peak.Emotion}";

        var style = string.IsNullOrWhiteSpace(checkpoint.StyleName) ? (zh ? "电影感写实" : "cinematic realistic") : checkpoint.StyleName;
        var people = context.Characters.Where(c => scene.CharacterKeys.Contains(c.Key))
            .Select(c => zh ? $"{c.Name}（{c.Appearance}）" : $"{c.Name} ({c.Appearance})");
        var action = scene.ActionLines.FirstOrDefault() ?? "";
        var keyArt = zh
            ? $"{style}风格的场景主视觉。{scene.Location}，{StoryWords.Time(scene.TimeOfDay, zh)}，{lighting}。{action}人物：{string.Join("；", people)}。氛围：{mood}。{checkpoint.StylePrompt}"
            : $"{style} style key art. {scene.Location}, {StoryWords.Time(scene.TimeOfDay, zh)}, {lighting}. {action} Characters: {string.Join("; ", people)}. Mood: {mood}. {checkpoint.StylePrompt}";
        return new SceneDesign(lighting, palette, mood, keyArt.Trim());
    }
}
