using System.Text;

namespace Drydock.Sandbox.Runtime;

/// <summary>Reads a stream to its end, keeping only its first bytes: a container that floods its output cannot
/// fill the host's memory, and never blocks on a full pipe.</summary>
internal sealed class StreamCapture(Stream stream, int keep)
{
    private readonly MemoryStream _kept = new();

    /// <summary>All bytes read so far.</summary>
    public long Total { get; private set; }

    /// <summary>Reads until the stream ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Total += read;
                var room = keep - (int)_kept.Length;
                if (room > 0)
                {
                    _kept.Write(buffer, 0, Math.Min(room, read));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The kept bytes as text.</summary>
    public string Text() => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
}
