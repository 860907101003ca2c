namespace Offboarding.Bench.Charts;

/// <summary>An RGB raster with the few drawing primitives a chart needs.</summary>
public sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        FillRectangle(0, 0, width, height, Rgb.White);
    }

    public int Width { get; }

    public int Height { get; }

    public void SetPixel(int x, int y, Rgb colour)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        _pixels[i] = colour.R;
        _pixels[i + 1] = colour.G;
        _pixels[i + 2] = colour.B;
    }

    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        for (var row = y; row < y + height; row++)
        {
            for (var col = x; col < x + width; col++)
            {
                SetPixel(col, row, colour);
            }
        }
    }

    /// <summary>Bresenham's line, <paramref name="thickness"/> pixels wide.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgb colour, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            FillRectangle(x0 - (thickness / 2), y0 - (thickness / 2), thickness, thickness, colour);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Draws text with its top-left corner at (x, y); each font pixel becomes a scale×scale square.</summary>
    public void DrawText(int x, int y, string text, Rgb colour, int scale = 1)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var left = x + (i * (BitmapFont.GlyphWidth + 1) * scale);
            for (var gy = 0; gy < BitmapFont.GlyphHeight; gy++)
            {
                for (var gx = 0; gx < BitmapFont.GlyphWidth; gx++)
                {
                    if (BitmapFont.IsSet(text[i], gx, gy))
                    {
                        FillRectangle(left + (gx * scale), y + (gy * scale), scale, scale, colour);
                    }
                }
            }
        }
    }

    public static int TextWidth(string text, int scale = 1) => text.Length * (BitmapFont.GlyphWidth + 1) * scale;

    public void SavePng(string path)
    {
        using var file = File.Create(path);
        PngEncoder.Write(file, Width, Height, _pixels);
    }
}
