using System.Text;

namespace Drydock.Sandbox.Tracing;

/// <summary>One line of strace output; a line longer than the cap keeps its head and its last characters.</summary>
/// <param name="Text">The line (its head when cut).</param>
/// <param name="Tail">The last characters of a cut line (they hold the result), null when the line was whole.</param>
internal readonly record struct RawLine(string Text, string? Tail)
{
    public bool IsCut => Tail is not null;
}

/// <summary>Reads lines with bounded memory: a 64 MiB execve line costs no more than the cap.</summary>
internal sealed class StraceLineReader(TextReader reader, int maxLineChars)
{
    private const int TailChars = 512;
    private readonly char[] buffer = new char[8192];
    private readonly StringBuilder head = new();
    private readonly char[] tail = new char[TailChars];
    private int tailCount;
    private int tailStart;
    private bool cut;
    private int position;
    private int length;

    public async ValueTask<RawLine?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                position = 0;
                if (length == 0)
                {
                    return head.Length > 0 || cut ? Finish() : null;
                }
            }

            var span = buffer.AsSpan(position, length - position);
            var newline = span.IndexOf('\n');
            var chunk = newline < 0 ? span : span[..newline];
            Append(chunk);
            position += chunk.Length;
            if (newline >= 0)
            {
                position++;
                return Finish();
            }
        }
    }

    private void Append(ReadOnlySpan<char> chunk)
    {
        var room = Math.Max(0, maxLineChars - head.Length);
        if (chunk.Length <= room)
        {
            head.Append(chunk);
            return;
        }

        head.Append(chunk[..room]);
        cut = true;
        foreach (var c in chunk[room..])
        {
            tail[(tailStart + tailCount) % TailChars] = c;
            if (tailCount < TailChars)
            {
                tailCount++;
            }
            else
            {
                tailStart = (tailStart + 1) % TailChars;
            }
        }
    }

    private RawLine Finish()
    {
        if (head.Length > 0 && head[^1] == '\r')
        {
            head.Length--;
        }

        string? tailText = null;
        if (cut)
        {
            var chars = new char[tailCount];
            for (var i = 0; i < tailCount; i++)
            {
                chars[i] = tail[(tailStart + i) % TailChars];
            }

            tailText = new string(chars);
        }

        var line = new RawLine(head.ToString(), tailText);
        head.Clear();
        cut = false;
        tailCount = 0;
        tailStart = 0;
        return line;
    }
}
