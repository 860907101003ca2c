namespace Offboarding.Bench.Charts;

/// <summary>An opaque colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb Grid = new(225, 225, 225);
    public static readonly Rgb Blue = new(31, 119, 180);
    public static readonly Rgb Orange = new(255, 127, 14);
    public static readonly Rgb Green = new(44, 160, 44);
    public static readonly Rgb Red = new(214, 39, 40);
    public static readonly Rgb Shade = new(255, 215, 215);
}
