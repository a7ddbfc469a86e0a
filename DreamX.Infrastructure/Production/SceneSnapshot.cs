using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Production;

/// <summary>A scene's content as its versions keep it: its lines, its action lines and its design.</summary>
public sealed record SceneSnapshot(IReadOnlyList<ScriptLine> Lines, IReadOnlyList<string> ActionLines, SceneDesign? Design)
{
    public static SceneSnapshot Of(Scene scene) => new([.. scene.Lines], [.. scene.ActionLines], scene.Design);
}
