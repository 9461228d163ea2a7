using System.Buffers;
using System.Security.Cryptography;

namespace Drydock.Bench;

/// <summary>Opens blob files as the OCI layout source does, and drains streams.</summary>
internal static class Blobs
{
    /// <summary>Opens <paramref name="path"/> for one sequential asynchronous read.</summary>
    public static FileStream Open(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Reads <paramref name="stream"/> to its end, feeding <paramref name="hash"/> when given; returns the byte count.</summary>
    public static async Task<long> DrainAsync(Stream stream, IncrementalHash? hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                hash?.AppendData(buffer, 0, n);
                total += n;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
