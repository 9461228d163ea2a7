using System.Text;
using Drydock.Advisories;
using Drydock.Versions;

namespace Drydock.Detection.Vulnerabilities;

/// <summary>Decides whether a version falls in an OSV-style affected range (introduced, fixed, last_affected, limit),
/// with the ecosystem's own version order. A version exactly at <c>fixed</c> is not affected; <c>last_affected</c> is.</summary>
public static class OsvRangeEvaluator
{
    private const string Introduced = "introduced";

    /// <summary>True when <paramref name="version"/> is inside <paramref name="range"/>. GIT ranges never match a package version.</summary>
    public static bool Contains(AffectedRange range, IVersion version, IVersionComparer comparer)
    {
        if (IsGit(range.Type))
        {
            return false;
        }

        var walk = new EventWalk(version, comparer);
        for (var i = 0; i < range.Events.Count; i++)
        {
            var e = range.Events[i];
            if (e.Kind == Introduced && e.Version == "0")
            {
                walk.Apply(Introduced, null); // before every version
            }
            else if (comparer.TryParse(Normalise(e.Version, comparer.Scheme), out var at))
            {
                walk.Apply(e.Kind, at);
            }

            // A version the scheme cannot parse says nothing.
        }

        return walk.Affected;
    }

    /// <summary>True when <paramref name="version"/> is inside any of the stored <paramref name="ranges"/>, decided as
    /// <see cref="Contains(AffectedRange, IVersion, IVersionComparer)"/> decides each, on the stored bytes: an event version is
    /// decoded on the stack and parsed (through a caching comparer, once per distinct text), and no range is materialised.</summary>
    internal static bool ContainsAny(EncodedRangeList ranges, IVersion version, IVersionComparer comparer)
    {
        var reader = ranges.Reader();
        for (var r = 0; r < ranges.Count; r++)
        {
            var git = IsGit(reader.Code(AffectedRowCodec.RangeTypes));
            var events = reader.Count(2);
            var walk = new EventWalk(version, comparer);
            for (var i = 0; i < events; i++)
            {
                var kind = reader.Code(AffectedRowCodec.EventKinds);
                var text = reader.Bytes();
                if (git)
                {
                    continue;
                }

                if (kind == Introduced && text.SequenceEqual("0"u8))
                {
                    walk.Apply(Introduced, null);
                }
                else if (TryParse(text, comparer, out var at))
                {
                    walk.Apply(kind, at);
                }
            }

            if (!git && walk.Affected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Go module versions carry a leading v; OSV Go ranges do not.</summary>
    public static string Normalise(string version, VersionScheme scheme)
        => NeedsGoPrefix(version.Length > 0 ? version[0] : 'v', scheme) ? "v" + version : version;

    private static bool NeedsGoPrefix(char first, VersionScheme scheme) => scheme == VersionScheme.Go && first != 'v';

    private static bool IsGit(string type) => type.Equals("GIT", StringComparison.OrdinalIgnoreCase);

    // UTF-8 version text, normalised as Normalise does, parsed from a stack buffer when it fits.
    private static bool TryParse(ReadOnlySpan<byte> utf8, IVersionComparer comparer, out IVersion? version)
    {
        var prefix = !utf8.IsEmpty && NeedsGoPrefix((char)utf8[0], comparer.Scheme) ? 1 : 0;
        Span<char> buffer = stackalloc char[128];
        if (utf8.Length + prefix > buffer.Length)
        {
            return comparer.TryParse(Normalise(Encoding.UTF8.GetString(utf8), comparer.Scheme), out version);
        }

        buffer[0] = 'v';
        var length = prefix + Encoding.UTF8.GetChars(utf8, buffer[prefix..]);
        return comparer.TryParse(buffer[..length], out version);
    }

    // Walking the events in version order, each event that applies to the version sets the state (introduced: affected;
    // fixed, last_affected, limit: not), so the state is that of the greatest applicable event; among equal versions the
    // later event in the record wins, as a stable sort would order them. One pass: no list, no sort.
    private ref struct EventWalk(IVersion version, IVersionComparer comparer)
    {
        private bool _found;
        private IVersion? _greatest;
        private bool _greatestIntroduces;

        public readonly bool Affected => _found && _greatestIntroduces;

        // An event at a parsed version; null is "introduced: 0", before every version.
        public void Apply(string kind, IVersion? at)
        {
            var applies = kind switch
            {
                Introduced => at is null || comparer.Compare(version, at) >= 0,
                "fixed" or "limit" => at is not null && comparer.Compare(version, at) >= 0,
                "last_affected" => at is not null && comparer.Compare(version, at) > 0,
                _ => false,
            };
            if (applies && (!_found || Order(at, _greatest) >= 0))
            {
                _found = true;
                _greatest = at;
                _greatestIntroduces = kind == Introduced;
            }
        }

        // Event versions in order, "introduced: 0" (null) first.
        private readonly int Order(IVersion? a, IVersion? b)
            => a is null ? (b is null ? 0 : -1) : b is null ? 1 : comparer.Compare(a, b);
    }
}
