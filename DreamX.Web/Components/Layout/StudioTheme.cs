using MudBlazor;

namespace DreamX.Web.Components.Layout;

/// <summary>The studio's colours: a violet brand on calm neutrals, in light and dark.</summary>
public static class StudioTheme
{
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#6D4AFF",
            Secondary = "#FF5C8A",
            Tertiary = "#1FB6A6",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F1B2E",
            Background = "#F6F5FA",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1F1B2E",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9C84FF",
            Secondary = "#FF7AA2",
            Tertiary = "#3FD2C2",
            AppbarBackground = "#17151F",
            Background = "#0F0E15",
            Surface = "#1B1925",
            DrawerBackground = "#17151F",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
