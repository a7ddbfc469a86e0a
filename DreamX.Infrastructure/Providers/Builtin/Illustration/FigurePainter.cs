using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>
/// Draws a character as a flat, outlined figure in figure units: the head's top is y = 0, the feet are y = 1, the
/// figure is centred on x = 0. The caller scales and places it (see <see cref="ShotFraming"/>).
/// </summary>
internal static class FigurePainter
{
    private const float Outline = 0.006f;

    public static void Paint(SKCanvas canvas, CharacterLook look, Expression expression = Expression.Neutral)
    {
        var build = look.BuildScale;
        using var outline = Stroke(Shade(look.Clothes, 0.55f), Outline);

        PaintShadow(canvas);
        PaintHairBehind(canvas, look);
        PaintLegs(canvas, look, outline);
        PaintTorso(canvas, look, build, outline);
        PaintArms(canvas, look, build);
        PaintNeckAndHead(canvas, look);
        PaintFace(canvas, look, expression);
        PaintHairFront(canvas, look);
        PaintAccessory(canvas, look);
        PaintProp(canvas, look);
    }

    private static void PaintShadow(SKCanvas canvas)
    {
        using var shadow = Fill(new SKColor(0, 0, 0, 70));
        canvas.DrawOval(new SKRect(-0.16f, 0.975f, 0.16f, 1.015f), shadow);
    }

    private static void PaintLegs(SKCanvas canvas, CharacterLook look, SKPaint outline)
    {
        using var legs = Fill(look.Feminine ? Shade(look.Skin, 0.85f) : look.Trousers);
        using var shoes = Fill(new SKColor(0x1A, 0x1A, 0x1F));
        foreach (var side in new[] { -1f, 1f })
        {
            var leg = SKRect.Create(side < 0 ? -0.072f : 0.012f, 0.5f, 0.06f, 0.46f);
            canvas.DrawRoundRect(leg, 0.02f, 0.02f, legs);
            canvas.DrawRoundRect(leg, 0.02f, 0.02f, outline);
            canvas.DrawOval(new SKRect(side * 0.042f - 0.042f, 0.95f, side * 0.042f + 0.042f, 0.99f), shoes);
        }
    }

    private static void PaintTorso(SKCanvas canvas, CharacterLook look, float build, SKPaint outline)
    {
        var shoulder = 0.112f * build;
        var waist = 0.08f * build;
        using var path = new SKPath();
        path.MoveTo(-0.03f, 0.175f);
        path.QuadTo(-shoulder, 0.178f, -shoulder, 0.23f);
        path.LineTo(-waist, 0.52f);
        if (look.Feminine)
        {
            path.LineTo(-0.16f * build, 0.76f);
            path.QuadTo(0, 0.79f, 0.16f * build, 0.76f);
        }
        else
        {
            path.LineTo(-waist, 0.56f);
            path.LineTo(waist, 0.56f);
        }
        path.LineTo(waist, 0.52f);
        path.LineTo(shoulder, 0.23f);
        path.QuadTo(shoulder, 0.178f, 0.03f, 0.175f);
        path.Close();

        using var cloth = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(-shoulder, 0), new SKPoint(shoulder, 0),
                [Shade(look.Clothes, 1.12f), look.Clothes, Shade(look.Clothes, 0.8f)], [0, 0.55f, 1], SKShaderTileMode.Clamp),
        };
        canvas.DrawPath(path, cloth);
        canvas.DrawPath(path, outline);

        // A belt or a sash line gives the body a waist.
        using var belt = Stroke(Shade(look.Clothes, 0.6f), 0.012f);
        canvas.DrawLine(-waist, 0.51f, waist, 0.51f, belt);
    }

    private static void PaintArms(SKCanvas canvas, CharacterLook look, float build)
    {
        using var sleeve = Stroke(Shade(look.Clothes, 0.88f), 0.05f);
        using var hand = Fill(look.Skin);
        foreach (var side in new[] { -1f, 1f })
        {
            var shoulderX = side * 0.108f * build;
            var handX = side * 0.135f * build;
            canvas.DrawLine(shoulderX, 0.225f, handX, 0.47f, sleeve);
            canvas.DrawCircle(handX, 0.5f, 0.024f, hand);
        }
    }

    private static void PaintNeckAndHead(SKCanvas canvas, CharacterLook look)
    {
        using var skin = Fill(look.Skin);
        using var outline = Stroke(Shade(look.Skin, 0.6f), Outline);
        canvas.DrawRect(SKRect.Create(-0.022f, 0.14f, 0.044f, 0.05f), skin);
        canvas.DrawOval(new SKRect(-0.066f, 0.02f, 0.066f, 0.17f), skin);
        canvas.DrawOval(new SKRect(-0.066f, 0.02f, 0.066f, 0.17f), outline);
        canvas.DrawOval(new SKRect(-0.074f, 0.085f, -0.058f, 0.115f), skin);
        canvas.DrawOval(new SKRect(0.058f, 0.085f, 0.074f, 0.115f), skin);
    }

    private static void PaintFace(SKCanvas canvas, CharacterLook look, Expression expression)
    {
        using var eye = Fill(new SKColor(0x22, 0x1E, 0x24));
        using var shine = Fill(SKColors.White.WithAlpha(220));
        using var brow = Stroke(Shade(look.Hair, 0.9f), 0.006f);
        using var mouth = Stroke(new SKColor(0x9C, 0x3D, 0x44), 0.0055f);
        foreach (var side in new[] { -1f, 1f })
        {
            canvas.DrawOval(new SKRect(side * 0.026f - 0.009f, 0.093f, side * 0.026f + 0.009f, 0.108f), eye);
            canvas.DrawCircle(side * 0.026f + 0.003f, 0.097f, 0.0028f, shine);
            canvas.DrawLine(side * 0.014f, 0.081f, side * 0.04f, look.Feminine ? 0.08f : 0.078f, brow);
        }
        if (look.Feminine)
        {
            using var blush = Fill(new SKColor(0xE8, 0x7A, 0x86, 70));
            canvas.DrawOval(new SKRect(-0.05f, 0.115f, -0.03f, 0.128f), blush);
            canvas.DrawOval(new SKRect(0.03f, 0.115f, 0.05f, 0.128f), blush);
        }
        // the mouth follows the moment: a smile, a straight line, or turned down with lowered brows
        var curve = expression switch { Expression.Smile => 0.147f, Expression.Grim => 0.131f, _ => 0.139f };
        using var lips = new SKPath();
        lips.MoveTo(-0.015f, 0.139f);
        lips.QuadTo(0, curve, 0.015f, 0.139f);
        canvas.DrawPath(lips, mouth);
        if (expression == Expression.Grim)
        {
            foreach (var side in new[] { -1f, 1f })
                canvas.DrawLine(side * 0.014f, 0.084f, side * 0.038f, 0.077f, brow);
        }
    }

    private static void PaintHairBehind(SKCanvas canvas, CharacterLook look)
    {
        using var hair = Fill(Shade(look.Hair, 0.85f));
        switch (look.HairStyle)
        {
            case HairStyle.Long:
                canvas.DrawRoundRect(new SKRect(-0.082f, 0.04f, 0.082f, 0.31f), 0.05f, 0.05f, hair);
                break;
            case HairStyle.Bob:
                canvas.DrawRoundRect(new SKRect(-0.078f, 0.03f, 0.078f, 0.17f), 0.04f, 0.04f, hair);
                break;
            case HairStyle.Ponytail:
                canvas.DrawOval(new SKRect(0.04f, 0.05f, 0.11f, 0.24f), hair);
                break;
        }
    }

    private static void PaintHairFront(SKCanvas canvas, CharacterLook look)
    {
        using var hair = Fill(look.Hair);
        using var cap = new SKPath();
        cap.AddArc(new SKRect(-0.07f, 0.012f, 0.07f, 0.15f), 180, 180);
        cap.QuadTo(0.06f, 0.07f, 0.02f, 0.062f);
        cap.QuadTo(-0.02f, 0.075f, -0.07f, 0.081f);
        cap.Close();
        canvas.DrawPath(cap, hair);

        switch (look.HairStyle)
        {
            case HairStyle.Bun:
                canvas.DrawCircle(0, 0.006f, 0.034f, hair);
                break;
            case HairStyle.Spiky:
                using (var spikes = new SKPath())
                {
                    for (var i = 0; i < 5; i++)
                    {
                        var x = -0.056f + i * 0.028f;
                        spikes.MoveTo(x - 0.018f, 0.04f);
                        spikes.LineTo(x, -0.006f);
                        spikes.LineTo(x + 0.018f, 0.04f);
                        spikes.Close();
                    }
                    canvas.DrawPath(spikes, hair);
                }
                break;
            case HairStyle.Long or HairStyle.Bob:
                canvas.DrawRect(new SKRect(-0.08f, 0.06f, -0.062f, look.HairStyle == HairStyle.Long ? 0.3f : 0.165f), hair);
                canvas.DrawRect(new SKRect(0.062f, 0.06f, 0.08f, look.HairStyle == HairStyle.Long ? 0.3f : 0.165f), hair);
                break;
        }
    }

    /// <summary>Accessories wear their own colour (the description's, else the character's stable one), never the frame's.</summary>
    private static void PaintAccessory(SKCanvas canvas, CharacterLook look)
    {
        var accent = look.AccessoryColour;
        switch (look.Accessory)
        {
            case Accessory.Glasses:
                using (var frame = Stroke(new SKColor(0x20, 0x20, 0x26), 0.005f))
                {
                    canvas.DrawCircle(-0.027f, 0.1f, 0.017f, frame);
                    canvas.DrawCircle(0.027f, 0.1f, 0.017f, frame);
                    canvas.DrawLine(-0.01f, 0.099f, 0.01f, 0.099f, frame);
                }
                break;
            case Accessory.Hat:
                using (var hat = Fill(Shade(look.Trousers, 0.9f)))
                using (var band = Fill(accent))
                {
                    canvas.DrawOval(new SKRect(-0.105f, 0.028f, 0.105f, 0.052f), hat);
                    canvas.DrawRoundRect(new SKRect(-0.062f, -0.03f, 0.062f, 0.042f), 0.02f, 0.02f, hat);
                    canvas.DrawRect(new SKRect(-0.062f, 0.02f, 0.062f, 0.034f), band);
                }
                break;
            case Accessory.Tie:
                using (var tie = Fill(accent))
                using (var tiePath = new SKPath())
                {
                    tiePath.MoveTo(-0.012f, 0.185f);
                    tiePath.LineTo(0.012f, 0.185f);
                    tiePath.LineTo(0.02f, 0.36f);
                    tiePath.LineTo(0, 0.39f);
                    tiePath.LineTo(-0.02f, 0.36f);
                    tiePath.Close();
                    canvas.DrawPath(tiePath, tie);
                }
                break;
            case Accessory.Scarf:
                using (var scarf = Fill(accent))
                {
                    canvas.DrawRoundRect(new SKRect(-0.06f, 0.168f, 0.06f, 0.205f), 0.018f, 0.018f, scarf);
                    canvas.DrawRoundRect(new SKRect(0.015f, 0.185f, 0.045f, 0.3f), 0.012f, 0.012f, scarf);
                }
                break;
            case Accessory.Earrings:
                using (var gold = Fill(new SKColor(0xE6, 0xC2, 0x5A)))
                {
                    canvas.DrawCircle(-0.068f, 0.128f, 0.008f, gold);
                    canvas.DrawCircle(0.068f, 0.128f, 0.008f, gold);
                }
                break;
            case Accessory.Hairpin:
                using (var pin = Fill(accent))
                {
                    canvas.DrawCircle(-0.05f, 0.04f, 0.014f, pin);
                    canvas.DrawCircle(-0.034f, 0.032f, 0.01f, pin);
                }
                break;
        }
    }

    /// <summary>What the character carries, held in the right hand (the same in every frame).</summary>
    private static void PaintProp(SKCanvas canvas, CharacterLook look)
    {
        var handX = 0.135f * look.BuildScale;
        switch (look.Prop)
        {
            case Prop.Cane:
                using (var wood = Stroke(new SKColor(0x3B, 0x26, 0x18), 0.014f))
                using (var handle = new SKPath())
                {
                    canvas.DrawLine(handX + 0.012f, 0.5f, handX + 0.05f, 0.975f, wood);
                    handle.MoveTo(handX - 0.02f, 0.49f);
                    handle.QuadTo(handX - 0.005f, 0.465f, handX + 0.012f, 0.5f);
                    canvas.DrawPath(handle, wood);
                }
                break;
            case Prop.Umbrella:
                using (var shaft = Stroke(new SKColor(0x22, 0x22, 0x28), 0.01f))
                using (var cloth = Fill(Shade(look.AccessoryColour, 0.8f)))
                using (var folded = new SKPath())
                {
                    canvas.DrawLine(handX, 0.49f, handX + 0.03f, 0.975f, shaft);
                    folded.MoveTo(handX + 0.008f, 0.58f);
                    folded.LineTo(handX + 0.045f, 0.62f);
                    folded.LineTo(handX + 0.03f, 0.93f);
                    folded.LineTo(handX + 0.01f, 0.62f);
                    folded.Close();
                    canvas.DrawPath(folded, cloth);
                }
                break;
            case Prop.Briefcase:
                using (var leather = Fill(new SKColor(0x4A, 0x2E, 0x1E)))
                using (var strap = Stroke(new SKColor(0x2A, 0x1A, 0x10), 0.008f))
                {
                    canvas.DrawRoundRect(new SKRect(handX - 0.05f, 0.52f, handX + 0.07f, 0.62f), 0.01f, 0.01f, leather);
                    canvas.DrawLine(handX - 0.01f, 0.52f, handX - 0.01f, 0.5f, strap);
                    canvas.DrawLine(handX + 0.03f, 0.52f, handX + 0.03f, 0.5f, strap);
                }
                break;
        }
    }

    public static SKColor Shade(SKColor colour, float factor) => new(
        (byte)Math.Clamp(colour.Red * factor, 0, 255),
        (byte)Math.Clamp(colour.Green * factor, 0, 255),
        (byte)Math.Clamp(colour.Blue * factor, 0, 255),
        colour.Alpha);

    private static SKPaint Fill(SKColor colour) => new() { IsAntialias = true, Color = colour, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(SKColor colour, float width) => new()
    {
        IsAntialias = true, Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round,
    };
}
