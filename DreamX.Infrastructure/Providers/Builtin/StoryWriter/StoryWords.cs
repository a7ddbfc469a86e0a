using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>The film vocabulary the writer uses in prompts and designs, in both languages.</summary>
internal static class StoryWords
{
    public static string Shot(ShotType type, bool zh) => type switch
    {
        ShotType.ExtremeCloseUp => zh ? "大特写" : "extreme close-up",
        ShotType.CloseUp => zh ? "特写" : "close-up",
        ShotType.MediumCloseUp => zh ? "近景" : "medium close-up",
        ShotType.Medium => zh ? "中景" : "medium shot",
        ShotType.MediumWide => zh ? "中远景" : "medium wide shot",
        ShotType.Wide => zh ? "远景" : "wide shot",
        _ => zh ? "全景建立镜头" : "establishing shot",
    };

    public static string Camera(CameraMove move, bool zh) => move switch
    {
        CameraMove.ZoomIn => zh ? "镜头缓慢推近" : "slow push in",
        CameraMove.ZoomOut => zh ? "镜头缓慢拉远" : "slow pull out",
        CameraMove.PanLeft => zh ? "镜头向左平移" : "pan left",
        CameraMove.PanRight => zh ? "镜头向右平移" : "pan right",
        CameraMove.PanUp => zh ? "镜头向上摇" : "tilt up",
        CameraMove.PanDown => zh ? "镜头向下摇" : "tilt down",
        _ => zh ? "固定机位" : "locked-off camera",
    };

    public static string Time(TimeOfDay time, bool zh) => time switch
    {
        TimeOfDay.Dawn => zh ? "黎明" : "dawn",
        TimeOfDay.Day => zh ? "白天" : "day",
        TimeOfDay.Dusk => zh ? "黄昏" : "dusk",
        _ => zh ? "夜晚" : "night",
    };

    public static string Lighting(SceneSetting setting, TimeOfDay time, bool zh) => (setting, time) switch
    {
        (SceneSetting.Interior, TimeOfDay.Day) => zh ? "窗外的自然光斜射进来，室内明亮柔和" : "soft daylight slanting through the windows, bright and even",
        (SceneSetting.Interior, TimeOfDay.Night) => zh ? "暖黄色的室内灯光，角落沉在阴影里" : "warm practical lamps, corners falling into shadow",
        (SceneSetting.Interior, TimeOfDay.Dawn) => zh ? "清晨的冷蓝光透过窗帘缝隙" : "cold blue dawn light through a gap in the curtains",
        (SceneSetting.Interior, _) => zh ? "夕阳的橙色光线拉出长长的影子" : "orange sunset light casting long shadows",
        (_, TimeOfDay.Day) => zh ? "明亮的日光，天空通透" : "bright daylight under a clear sky",
        (_, TimeOfDay.Night) => zh ? "夜色中的路灯与霓虹，边缘冷色逆光" : "streetlights and neon at night, cool rim light",
        (_, TimeOfDay.Dawn) => zh ? "天边泛白，薄雾笼罩" : "pale horizon, thin mist",
        _ => zh ? "金色的黄昏逆光，剪影感强" : "golden backlight at dusk, strong silhouettes",
    };

    /// <summary>A night or dusk accent added to the genre palette so scenes at different times differ.</summary>
    public static string TimeAccent(TimeOfDay time) => time switch
    {
        TimeOfDay.Dawn => "#F6C89F",
        TimeOfDay.Day => "#FFF4D6",
        TimeOfDay.Dusk => "#E07A5F",
        _ => "#1B2A49",
    };

    private static readonly string[] StrongEmotions =
    [
        "愤怒", "震惊", "哽咽", "崩溃", "冷笑", "绝望", "心碎", "恐惧", "惊恐", "决绝", "颤抖", "震动", "咬牙", "狠", "怒", "泪", "得意", "冰冷",
        "angry", "shocked", "tearful", "furious", "terrified", "desperate", "broken", "fierce", "cold", "trembling", "smug", "horrified", "choked",
    ];

    /// <summary>Lines said in a strong emotion get a close-up.</summary>
    public static bool IsStrong(string emotion) => StrongEmotions.Any(e => emotion.Contains(e, StringComparison.OrdinalIgnoreCase));

    public static string ListSeparator(bool zh) => zh ? "；" : "; ";
}
