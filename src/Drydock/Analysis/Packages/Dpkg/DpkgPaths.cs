using System.Text;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Normalises the file paths dpkg records (<c>/usr/bin/tar</c>, <c>usr/bin/tar</c>) to image paths without a leading slash.</summary>
public static class DpkgPaths
{
    /// <summary>Longest path kept.</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>The path without leading <c>/</c> or <c>./</c>; null for the root, empty, over-long or NUL-holding paths.</summary>
    public static string? Normalize(ReadOnlySpan<byte> path)
    {
        while (true)
        {
            if (path.StartsWith("/"u8))
            {
                path = path[1..];
            }
            else if (path.StartsWith("./"u8))
            {
                path = path[2..];
            }
            else
            {
                break;
            }
        }

        if (path.IsEmpty || path.SequenceEqual("."u8) || path.Length > MaxPathBytes || path.Contains((byte)0))
        {
            return null;
        }

        return Encoding.UTF8.GetString(path);
    }
}
