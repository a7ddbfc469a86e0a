namespace DreamX.Web.Components.Layout;

/// <summary>The dark/light choice, kept in a cookie so server prerendering paints the right theme.</summary>
public static class ThemePreference
{
    public const string CookieName = "dreamx.theme";
}
