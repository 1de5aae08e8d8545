using SkiaSharp;

namespace CircuitSim.Viz.Rendering;

/// <summary>Writes RGBA pixels (rows top to bottom) as a PNG, atomically: a temporary file renamed into place.</summary>
internal static class PngFile
{
    public static void Write(string path, byte[] rgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            bitmap.InstallPixels(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            string tmp = Path.Combine(dir, "." + Path.GetFileName(path) + ".tmp");
            using (var f = File.Create(tmp)) data.SaveTo(f);
            File.Move(tmp, path, overwrite: true);
        }
        finally { handle.Free(); }
    }
}
