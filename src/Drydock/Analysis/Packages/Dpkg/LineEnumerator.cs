namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Enumerates the lines of a byte span (split at <c>\n</c>, a trailing <c>\r</c> removed) without allocating.</summary>
public ref struct LineEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    /// <summary>Starts before the first line of <paramref name="text"/>.</summary>
    public LineEnumerator(ReadOnlySpan<byte> text)
    {
        _rest = text;
        _done = text.IsEmpty;
        Current = default;
    }

    /// <summary>The current line.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns itself, for foreach.</summary>
    public readonly LineEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next line.</summary>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var nl = _rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (nl < 0)
        {
            line = _rest;
            _done = true;
        }
        else
        {
            line = _rest[..nl];
            _rest = _rest[(nl + 1)..];
            _done = _rest.IsEmpty;
        }

        Current = line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
        return true;
    }
}
