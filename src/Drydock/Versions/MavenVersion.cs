using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Drydock.Versions;

/// <summary>
/// A Maven version ordered as Maven's ComparableVersion orders it: '.'/'-' separated items, digit/letter
/// transitions as separators, qualifiers alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot &lt; "" (ga, final, release) &lt; sp
/// &lt; unknown (lexical), trailing nulls dropped. Any non-empty text of at most 256 characters is a version.
/// </summary>
public sealed class MavenVersion : IVersion, IComparable<MavenVersion>
{
    private const int MaxLength = 256;

    private readonly ListItem _items;

    private MavenVersion(string original, ListItem items)
    {
        Original = original;
        _items = items;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Maven;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>ComparableVersion's canonical form (e.g. "1.0-alpha-1" for "1.0a1").</summary>
    public string Canonical => _items.ToString();

    /// <summary>Parses a Maven version; false only for empty text or text longer than 256 characters (Maven's own bound).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MavenVersion? version)
    {
        version = text.Length is 0 or > MaxLength ? null : new MavenVersion(text, Parse(text));
        return version is not null;
    }

    /// <inheritdoc/>
    public int CompareTo(MavenVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _items.CompareTo(other._items);
    }

    /// <summary>The version as given.</summary>
    public override string ToString() => Original;

    private static ListItem Parse(string original)
    {
        var version = original.ToLowerInvariant();
        var root = new ListItem();
        var list = root;
        var stack = new Stack<ListItem>();
        stack.Push(list);
        var isDigit = false;
        var isCombination = false;
        var start = 0;

        for (var i = 0; i < version.Length; i++)
        {
            int c = version[i];
            if (char.IsHighSurrogate(version[i]) && i + 1 < version.Length)
            {
                c = char.ConvertToUtf32(version[i], version[i + 1]);
                i++;
            }

            if (c == '.')
            {
                list.Add(i == start ? NumberItem.Zero : ParseItem(isCombination, isDigit, version[start..i]));
                isCombination = false;
                start = i + 1;
            }
            else if (c == '-')
            {
                if (i == start)
                {
                    list.Add(NumberItem.Zero);
                }
                else
                {
                    // "X-1" reads as "X1".
                    if (!isDigit && i != version.Length - 1 && char.IsDigit(version[i + 1]))
                    {
                        isCombination = true;
                        continue;
                    }

                    list.Add(ParseItem(isCombination, isDigit, version[start..i]));
                }

                start = i + 1;
                if (list.Count > 0)
                {
                    list = Nest(list, stack);
                }

                isCombination = false;
            }
            else if (c is >= '0' and <= '9')
            {
                if (!isDigit && i > start)
                {
                    isCombination = true;
                    if (list.Count > 0)
                    {
                        list = Nest(list, stack);
                    }
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Add(ParseItem(isCombination, true, version[start..i]));
                    start = i;
                    list = Nest(list, stack);
                    isCombination = false;
                }

                isDigit = false;
            }
        }

        if (version.Length > start)
        {
            // "1.0.0.X1" reads as "1.0.0-X1": a trailing qualifier always opens a sub-list.
            if (!isDigit && list.Count > 0)
            {
                list = Nest(list, stack);
            }

            list.Add(ParseItem(isCombination, isDigit, version[start..]));
        }

        while (stack.Count > 0)
        {
            stack.Pop().Normalize();
        }

        return root;
    }

    private static ListItem Nest(ListItem parent, Stack<ListItem> stack)
    {
        var child = new ListItem();
        parent.Add(child);
        stack.Push(child);
        return child;
    }

    private static Item ParseItem(bool isCombination, bool isDigit, string text)
        => isCombination ? CombinationItem.Create(text.Replace("-", "", StringComparison.Ordinal))
            : isDigit ? NumberItem.Create(text)
            : new StringItem(text, followedByDigit: false);

    private abstract class Item
    {
        public abstract bool IsNull { get; }

        /// <summary>Compares with another item, or with "nothing" when <paramref name="other"/> is null.</summary>
        public abstract int CompareTo(Item? other);
    }

    private sealed class NumberItem : Item
    {
        public static readonly NumberItem Zero = new("0");

        private NumberItem(string digits) => Digits = digits;

        public string Digits { get; }

        public override bool IsNull => Digits == "0";

        // Maven reads the digits with Java's integer parsers, which accept every Unicode decimal digit.
        public static NumberItem Create(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var ch in text)
            {
                var d = CharUnicodeInfo.GetDecimalDigitValue(ch);
                sb.Append(d >= 0 ? (char)('0' + d) : ch);
            }

            var digits = sb.ToString().TrimStart('0');
            return new NumberItem(digits.Length == 0 ? "0" : digits);
        }

        public override int CompareTo(Item? other) => other switch
        {
            null => IsNull ? 0 : 1,
            NumberItem n => DigitText.Compare(Digits, n.Digits),
            _ => 1,
        };

        public override string ToString() => Digits;
    }

    private sealed class StringItem : Item
    {
        private static readonly string[] Qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
        private static readonly string ReleaseIndex = "5";

        public StringItem(string value, bool followedByDigit)
        {
            if (followedByDigit && value.Length == 1)
            {
                value = value[0] switch { 'a' => "alpha", 'b' => "beta", 'm' => "milestone", _ => value };
            }

            Value = value == "cr" ? "rc" : value;
        }

        public string Value { get; }

        public override bool IsNull => Value.Length == 0;

        private static string Comparable(string q)
        {
            if (q is "ga" or "final" or "release")
            {
                return ReleaseIndex;
            }

            var i = Array.IndexOf(Qualifiers, q);
            return i < 0 ? Qualifiers.Length.ToString(CultureInfo.InvariantCulture) + "-" + q : i.ToString(CultureInfo.InvariantCulture);
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    return Ordinal(Comparable(Value), ReleaseIndex);
                case NumberItem:
                    return -1;
                case StringItem s:
                    return Ordinal(Comparable(Value), Comparable(s.Value));
                case CombinationItem c:
                    var r = CompareTo(c.StringPart);
                    if (r != 0)
                    {
                        return r;
                    }

                    return CompareTo(null) == 0 ? -c.DigitPart.CompareTo(null) : -1;
                default:
                    return -other.CompareTo(this);
            }
        }

        private static int Ordinal(string a, string b) => Math.Sign(string.CompareOrdinal(a, b));

        public override string ToString() => Value;
    }

    private sealed class CombinationItem : Item
    {
        private CombinationItem(StringItem stringPart, Item digitPart)
        {
            StringPart = stringPart;
            DigitPart = digitPart;
        }

        public StringItem StringPart { get; }

        public Item DigitPart { get; }

        public override bool IsNull => false;

        public static CombinationItem Create(string value)
        {
            var index = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsDigit(value[i]))
                {
                    index = i;
                    break;
                }
            }

            return new CombinationItem(new StringItem(value[..index], followedByDigit: true), NumberItem.Create(value[index..]));
        }

        public override int CompareTo(Item? other)
        {
            int r;
            switch (other)
            {
                case null:
                    r = StringPart.CompareTo(null);
                    return r == 0 ? DigitPart.CompareTo(null) : r;
                case NumberItem:
                    return -1;
                case StringItem:
                    r = StringPart.CompareTo(other);
                    if (r != 0)
                    {
                        return r;
                    }

                    return StringPart.CompareTo(null) == 0 ? DigitPart.CompareTo(null) : 1;
                case CombinationItem c:
                    r = StringPart.CompareTo(c.StringPart);
                    return r == 0 ? DigitPart.CompareTo(c.DigitPart) : r;
                default:
                    return -other.CompareTo(this);
            }
        }

        public override string ToString() => StringPart.ToString() + DigitPart;
    }

    private sealed class ListItem : Item
    {
        private readonly List<Item> _items = [];

        public int Count => _items.Count;

        public override bool IsNull => _items.Count == 0;

        public void Add(Item item) => _items.Add(item);

        public void Normalize()
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                if (!_items[i].IsNull)
                {
                    continue;
                }

                if (i == _items.Count - 1 || _items[i + 1] is StringItem
                    || (_items[i + 1] is ListItem next && next._items.Count > 0 && next._items[0] is CombinationItem or StringItem))
                {
                    _items.RemoveAt(i);
                }
            }

            if (_items.Count == 1 && _items[0] is ListItem only)
            {
                _items.Clear();
                _items.AddRange(only._items);
            }
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    foreach (var item in _items)
                    {
                        var r = item.CompareTo(null);
                        if (r != 0)
                        {
                            return r;
                        }
                    }

                    return 0;
                case NumberItem:
                    return -1;
                case StringItem or CombinationItem:
                    var scalar = _items.Count == 0 ? -other.CompareTo(null) : _items[0].CompareTo(other);
                    for (var i = 1; scalar == 0 && i < _items.Count; i++)
                    {
                        scalar = _items[i].CompareTo(null);
                    }

                    return scalar;
                default:
                    var list = (ListItem)other;
                    for (var i = 0; i < Math.Max(_items.Count, list._items.Count); i++)
                    {
                        var l = i < _items.Count ? _items[i] : null;
                        var rt = i < list._items.Count ? list._items[i] : null;
                        var r = l is null ? (rt is null ? 0 : -rt.CompareTo(null)) : l.CompareTo(rt);
                        if (r != 0)
                        {
                            return r;
                        }
                    }

                    return 0;
            }
        }

        public override string ToString()
        {
            var sb = new StringBuilder();
            foreach (var item in _items)
            {
                if (sb.Length > 0)
                {
                    sb.Append(item is ListItem ? '-' : '.');
                }

                sb.Append(item);
            }

            return sb.ToString();
        }
    }
}
