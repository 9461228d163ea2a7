using System.Text;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>One paragraph (stanza) of a Debian control file, as byte ranges of the fields its reader was asked for.
/// A value runs from after the colon to the end of its last continuation line. The reader reuses one instance.</summary>
public sealed class ControlParagraph
{
    private readonly int[] _start;
    private readonly int[] _end;

    internal ControlParagraph(int fieldCount)
    {
        _start = new int[fieldCount];
        _end = new int[fieldCount];
        Reset(0);
    }

    /// <summary>The 1-based line the paragraph starts on.</summary>
    public int Line { get; private set; }

    internal void Reset(int line)
    {
        Line = line;
        Array.Fill(_start, -1);
        Array.Fill(_end, -1);
    }

    internal bool Has(int field) => _start[field] >= 0;

    internal void Set(int field, int start, int end)
    {
        _start[field] = start;
        _end[field] = end;
    }

    internal void Extend(int field, int end) => _end[field] = end;

    /// <summary>The raw bytes of field <paramref name="field"/> (first line and continuation lines), empty when absent.</summary>
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> content, int field)
        => _start[field] < 0 ? default : content[_start[field].._end[field]];

    /// <summary>True when the field is present.</summary>
    public bool IsPresent(int field) => _start[field] >= 0;

    /// <summary>The field's value with continuation lines folded into single spaces; null when absent or
    /// longer than <paramref name="maxBytes"/> (then <paramref name="tooLong"/> is set).</summary>
    public string? Folded(ReadOnlySpan<byte> content, int field, int maxBytes, out bool tooLong)
    {
        tooLong = false;
        if (_start[field] < 0)
        {
            return null;
        }

        var raw = Raw(content, field);
        if (raw.Length > maxBytes)
        {
            tooLong = true;
            return null;
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var line in new LineEnumerator(raw))
        {
            var trimmed = line.Trim(" \t\r"u8);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Encoding.UTF8.GetString(trimmed));
        }

        return builder.ToString();
    }
}
