namespace DreamX.Web;

/// <summary>The UI languages of the studio.</summary>
public static class StudioCultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static readonly string[] Supported = [English, Chinese];
}
