using System.Text;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Called for each paragraph; returns false to stop reading.</summary>
public delegate bool ParagraphHandler(ReadOnlySpan<byte> content, ControlParagraph paragraph);

/// <summary>Reads Debian control files (dpkg's status, status.d entries): paragraphs of <c>Name: value</c> lines,
/// continuation lines starting with a space or tab, paragraphs separated by blank lines. Only the fields it was
/// built for are recorded, as byte ranges, so a huge value costs nothing unless asked for. Malformed lines are
/// counted in a <see cref="ProblemTally"/> and skipped; CRLF line ends are accepted.</summary>
public sealed class ControlFileReader
{
    private const int MaxFieldNameBytes = 128;
    private readonly byte[][] _names;

    /// <summary>Creates a reader recording <paramref name="fields"/> (matched case-insensitively, as dpkg does);
    /// their positions are the field numbers used with <see cref="ControlParagraph"/>.</summary>
    public ControlFileReader(params string[] fields)
    {
        _names = [.. fields.Select(f => Encoding.ASCII.GetBytes(f))];
    }

    /// <summary>Reads <paramref name="content"/>, calling <paramref name="handler"/> for each non-empty paragraph.</summary>
    public void Read(ReadOnlySpan<byte> content, ParagraphHandler handler, ProblemTally problems)
    {
        var paragraph = new ControlParagraph(_names.Length);
        var inParagraph = false;
        var current = -2; // field index of the last field line; -1 for a field not recorded, -2 for none
        var pos = 0;
        var lineNumber = 0;
        while (pos < content.Length)
        {
            lineNumber++;
            var nl = content[pos..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? content.Length : pos + nl;
            var next = nl < 0 ? content.Length : lineEnd + 1;
            var end = lineEnd > pos && content[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
            var line = content[pos..end];
            if (line.IndexOfAnyExcept(" \t"u8) < 0)
            {
                if (inParagraph && !handler(content, paragraph))
                {
                    return;
                }

                inParagraph = false;
                current = -2;
            }
            else if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (current == -2)
                {
                    problems.Add("dpkg-malformed-line", lineNumber, "continuation line outside a field, skipped");
                }
                else if (current >= 0)
                {
                    paragraph.Extend(current, end);
                }
            }
            else
            {
                if (!inParagraph)
                {
                    paragraph.Reset(lineNumber);
                    inParagraph = true;
                }

                var colon = line.IndexOf((byte)':');
                if (colon <= 0 || colon > MaxFieldNameBytes || line[..colon].IndexOfAnyExceptInRange((byte)0x21, (byte)0x7e) >= 0)
                {
                    problems.Add("dpkg-malformed-line", lineNumber, "line is neither 'Field: value' nor a continuation, skipped");
                    current = -1;
                }
                else
                {
                    current = Find(line[..colon]);
                    if (current >= 0)
                    {
                        if (paragraph.IsPresent(current))
                        {
                            problems.Add("dpkg-duplicate-field", lineNumber, $"field {Encoding.ASCII.GetString(_names[current])} repeated in a paragraph; the first is kept");
                            current = -1;
                        }
                        else
                        {
                            paragraph.Set(current, pos + colon + 1, end);
                        }
                    }
                }
            }

            pos = next;
        }

        if (inParagraph)
        {
            handler(content, paragraph);
        }
    }

    private int Find(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(name, _names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
