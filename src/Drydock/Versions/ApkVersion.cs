using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// An Alpine package version <c>digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]</c> as apk-tools orders it.
/// Suffixes <c>_alpha &lt; _beta &lt; _pre &lt; _rc</c> sort before the bare version, <c>_cvs &lt; _svn &lt; _git &lt; _hg &lt; _p</c> after it.
/// </summary>
public sealed class ApkVersion : IVersion, IComparable<ApkVersion>
{
    private ApkVersion(string original) => Original = original;

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Apk;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>Parses an apk version; false when apk-tools would call it invalid.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ApkVersion? version)
    {
        var t = new Tokenizer(text);
        while (t.Kind < Token.End)
        {
            t.Next();
        }

        version = t.Kind == Token.End ? new ApkVersion(text) : null;
        return version is not null;
    }

    /// <inheritdoc/>
    public int CompareTo(ApkVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CompareText(Original, other.Original);
    }

    /// <summary>
    /// apk-tools' comparison of any two strings, valid or not: token by token until the first difference or the first
    /// invalid token (which then sorts as an end after every valid continuation).
    /// </summary>
    public static int CompareText(string a, string b) => CompareCore(a, b, fuzzy: false);

    /// <summary>apk's fuzzy match (<c>~</c>): true when <paramref name="version"/> equals <paramref name="prefix"/> on all of the prefix's tokens.</summary>
    public static bool FuzzyMatches(string version, string prefix) => CompareCore(version, prefix, fuzzy: true) == 0;

    private static int CompareCore(string a, string b, bool fuzzy)
    {
        var ta = new Tokenizer(a);
        var tb = new Tokenizer(b);
        while (ta.Kind == tb.Kind && ta.Kind < Token.End)
        {
            var r = CompareTokens(ref ta, ref tb);
            if (r != 0)
            {
                return r;
            }

            ta.Next();
            tb.Next();
        }

        if (ta.Kind == tb.Kind || (fuzzy && tb.Kind == Token.End))
        {
            return 0;
        }

        // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
        if (ta.Kind == Token.Suffix && ta.Suffix < Tokenizer.ReleaseSuffix)
        {
            return -1;
        }

        if (tb.Kind == Token.Suffix && tb.Suffix < Tokenizer.ReleaseSuffix)
        {
            return 1;
        }

        return ta.Kind > tb.Kind ? -1 : 1;
    }

    private static int CompareTokens(ref Tokenizer ta, ref Tokenizer tb)
    {
        var va = ta.Value;
        var vb = tb.Value;
        switch (ta.Kind)
        {
            case Token.Digit when va.StartsWith('0') || vb.StartsWith('0'):
            case Token.Letter:
            case Token.CommitHash:
                return Math.Sign(va.SequenceCompareTo(vb));
            case Token.Suffix:
                return ta.Suffix.CompareTo(tb.Suffix);
            default:
                return DigitText.Compare(va, vb);
        }
    }

    /// <summary>The version as given.</summary>
    public override string ToString() => Original;

    private enum Token
    {
        InitialDigit,
        Digit,
        Letter,
        Suffix,
        SuffixNumber,
        CommitHash,
        Revision,
        End,
        Invalid,
    }

    private ref struct Tokenizer
    {
        public const int ReleaseSuffix = 4;

        private static readonly string[] Suffixes = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];

        private readonly string _s;
        private int _pos;
        private int _start;
        private int _end;

        public Tokenizer(string s)
        {
            _s = s;
            var i = DigitText.TakeDigits(s, 0);
            Kind = i > 0 ? Token.InitialDigit : Token.Invalid;
            _start = 0;
            _end = i;
            _pos = i;
        }

        public Token Kind { get; private set; }

        public int Suffix { get; private set; }

        public readonly ReadOnlySpan<char> Value => _s.AsSpan(_start, _end - _start);

        public void Next()
        {
            if (_pos >= _s.Length)
            {
                Kind = Token.End;
                return;
            }

            var c = _s[_pos];
            if (c is >= 'a' and <= 'z' && Kind <= Token.Digit)
            {
                Set(Token.Letter, _pos, _pos + 1);
            }
            else if (c == '.' && Kind <= Token.Digit)
            {
                Digits(Token.Digit, _pos + 1);
            }
            else if (DigitText.IsDigit(c) && Kind == Token.Suffix)
            {
                Digits(Token.SuffixNumber, _pos);
            }
            else if (c == '_' && Kind <= Token.SuffixNumber)
            {
                var i = _pos + 1;
                while (i < _s.Length && _s[i] is >= 'a' and <= 'z')
                {
                    i++;
                }

                var index = Array.IndexOf(Suffixes, _s[(_pos + 1)..i]);
                if (i == _pos + 1 || index < 0)
                {
                    Kind = Token.Invalid;
                    return;
                }

                Suffix = index;
                Set(Token.Suffix, _pos + 1, i);
            }
            else if (c == '~' && Kind < Token.CommitHash)
            {
                var i = _pos + 1;
                while (i < _s.Length && _s[i] is >= '0' and <= '9' or >= 'a' and <= 'f')
                {
                    i++;
                }

                if (i == _pos + 1)
                {
                    Kind = Token.Invalid;
                    return;
                }

                Set(Token.CommitHash, _pos + 1, i);
            }
            else if (c == '-' && Kind < Token.Revision && _pos + 1 < _s.Length && _s[_pos + 1] == 'r')
            {
                Digits(Token.Revision, _pos + 2);
            }
            else
            {
                Kind = Token.Invalid;
            }
        }

        private void Digits(Token kind, int from)
        {
            var i = DigitText.TakeDigits(_s, from);
            if (i == from)
            {
                Kind = Token.Invalid;
                return;
            }

            Set(kind, from, i);
        }

        private void Set(Token kind, int start, int end)
        {
            Kind = kind;
            _start = start;
            _end = end;
            _pos = end;
        }
    }
}
