using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>
/// image_processing: on a generated RGB image, the FunctionBench operations — flip, rotate, grayscale, a 3×3 blur and
/// a half-size resize — returning a checksum of the result.
/// </summary>
public sealed class ImageProcessingFunction : HarvestFunction<ImageProcessingFunction.Request, ImageProcessingFunction.Response>
{
    public sealed record Request(int Width = 1024, int Height = 768, int Seed = 1);

    public sealed record Response(int Width, int Height, long Checksum);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var width = Inputs.InRange(input?.Width ?? 1024, 2, 8192, "width");
        var height = Inputs.InRange(input?.Height ?? 768, 2, 8192, "height");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)random.Next(256));
            }
        }

        var flipped = Flip(rgb, width, height);
        var rotated = Rotate90(flipped, width, height); // now height × width
        var gray = Grayscale(rotated);
        cancellationToken.ThrowIfCancellationRequested();
        var blurred = Blur(gray, height, width);
        var small = HalfSize(blurred, height, width);
        long checksum = 0;
        foreach (var value in small)
        {
            checksum = (checksum * 31) + value;
        }

        return Task.FromResult(new Response(width, height, checksum));
    }

    private static byte[] Flip(byte[] rgb, int width, int height)
    {
        var result = new byte[rgb.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Array.Copy(rgb, ((y * width) + x) * 3, result, ((y * width) + (width - 1 - x)) * 3, 3);
            }
        }

        return result;
    }

    private static byte[] Rotate90(byte[] rgb, int width, int height)
    {
        var result = new byte[rgb.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Array.Copy(rgb, ((y * width) + x) * 3, result, ((x * height) + (height - 1 - y)) * 3, 3);
            }
        }

        return result;
    }

    private static byte[] Grayscale(byte[] rgb)
    {
        var gray = new byte[rgb.Length / 3];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)((rgb[i * 3] * 299 + rgb[(i * 3) + 1] * 587 + rgb[(i * 3) + 2] * 114) / 1000);
        }

        return gray;
    }

    private static byte[] Blur(byte[] gray, int width, int height)
    {
        var result = new byte[gray.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int sum = 0, count = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height)
                        {
                            sum += gray[(ny * width) + nx];
                            count++;
                        }
                    }
                }

                result[(y * width) + x] = (byte)(sum / count);
            }
        }

        return result;
    }

    private static byte[] HalfSize(byte[] gray, int width, int height)
    {
        var (w, h) = (width / 2, height / 2);
        var result = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * 2 * width) + (x * 2);
                result[(y * w) + x] = (byte)((gray[i] + gray[i + 1] + gray[i + width] + gray[i + width + 1]) / 4);
            }
        }

        return result;
    }
}
