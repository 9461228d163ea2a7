namespace Drydock.Analysis.Content.Signatures;

/// <summary>The EICAR anti-virus test file, as its specification defines it: the 68-byte string at the start of the
/// file, optionally followed by white space only (space, tab, CR, LF, Ctrl-Z), 128 bytes at most in all. The same
/// string inside a longer file (documentation quoting it, a test suite) is not the test file.</summary>
public static class EicarCheck
{
    /// <summary>The standard test string.</summary>
    public const string Text = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private const int MaxLength = 128;

    /// <summary>The <see cref="FileCheck"/> of the EICAR rule.</summary>
    public static CheckResult? Check(ReadOnlySpan<byte> content, RuleMatch match)
    {
        if (!Is(content))
        {
            return null;
        }

        return new CheckResult(Evidence: [new FindingEvidence("string", Text, 0), new FindingEvidence("structure", $"{content.Length}-byte file: the test string at offset 0, white space after it")]);
    }

    /// <summary>True when <paramref name="content"/> is the test file.</summary>
    public static bool Is(ReadOnlySpan<byte> content)
    {
        if (content.Length < Text.Length || content.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < Text.Length; i++)
        {
            if (content[i] != Text[i])
            {
                return false;
            }
        }

        foreach (var b in content[Text.Length..])
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x1a))
            {
                return false;
            }
        }

        return true;
    }
}
