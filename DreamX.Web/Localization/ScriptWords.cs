using DreamX.Domain.Scripts;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Localization;

/// <summary>Shot types, camera moves and transitions in the reader's language.</summary>
public static class ScriptWords
{
    public static string Label(this IStringLocalizer<ScriptText> text, ShotType value) => text[$"ShotType.{value}"];

    public static string Label(this IStringLocalizer<ScriptText> text, CameraMove value) => text[$"CameraMove.{value}"];

    public static string Label(this IStringLocalizer<ScriptText> text, ShotTransition value) => text[$"ShotTransition.{value}"];
}
