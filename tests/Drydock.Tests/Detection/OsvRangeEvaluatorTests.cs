using Drydock.Advisories;
using Drydock.Detection.Vulnerabilities;
using Drydock.Versions;

namespace Drydock.Tests.Detection;

/// <summary>The one-pass range evaluation agrees with the OSV specification's algorithm (sort the events by version, then
/// walk them: introduced sets affected, fixed and limit clear it at their version, last_affected just after it) on
/// thousands of generated ranges, and keeps the spec's edge cases.</summary>
public sealed class OsvRangeEvaluatorTests
{
    private static readonly IVersionComparer SemVer = VersionSchemes.For(VersionScheme.SemVer);
    private static readonly string[] Kinds = ["introduced", "fixed", "last_affected", "limit"];

    [Fact]
    public void Agrees_with_sort_then_walk_on_generated_ranges()
    {
        var random = new Random(20261207);
        for (var round = 0; round < 5000; round++)
        {
            // Distinct versions: the specification leaves the order of events at one version open.
            var versions = Enumerable.Range(0, 12).Select(_ => $"{random.Next(4)}.{random.Next(6)}.{random.Next(6)}").Distinct().ToList();
            var count = random.Next(1, Math.Min(6, versions.Count) + 1);
            var events = new List<RangeEvent>();
            if (random.Next(3) == 0)
            {
                events.Add(new RangeEvent("introduced", "0"));
            }

            events.AddRange(versions.Take(count).Select(v => new RangeEvent(Kinds[random.Next(Kinds.Length)], v)));
            var range = new AffectedRange("SEMVER", events);
            var probe = $"{random.Next(4)}.{random.Next(6)}.{random.Next(6)}";
            Assert.True(SemVer.TryParse(probe, out var installed));
            Assert.True(Reference(events, installed!) == OsvRangeEvaluator.Contains(range, installed!, SemVer),
                $"{probe} in [{string.Join(", ", events.Select(e => $"{e.Kind} {e.Version}"))}]");
        }
    }

    [Fact]
    public void Stored_ranges_are_judged_on_their_bytes_as_the_records_are()
    {
        // Several ranges per entry, GIT ranges, unknown types and kinds, unparsable and equal versions, Go's missing "v",
        // non-ASCII and over-long text: the stored form (tested on its bytes through a caching comparer) answers as the records.
        var random = new Random(20261208);
        string[] types = ["SEMVER", "ECOSYSTEM", "GIT", "semver", "OTHER"];
        string[] kinds = [.. Kinds, "odd_event"];
        foreach (var scheme in new[] { VersionScheme.SemVer, VersionScheme.Go, VersionScheme.Pep440 })
        {
            var plain = VersionSchemes.For(scheme);
            var cached = new CachingVersionComparer(plain);
            for (var round = 0; round < 3000; round++)
            {
                string Version() => random.Next(12) switch
                {
                    0 => "0",
                    1 => "not a version",
                    2 => "1.ü",
                    3 => "1." + new string('1', 200),
                    4 => $"v{random.Next(3)}.{random.Next(3)}.{random.Next(3)}",
                    _ => $"{random.Next(3)}.{random.Next(3)}.{random.Next(3)}",
                };
                var ranges = Enumerable.Range(0, random.Next(4)).Select(_ => new AffectedRange(
                    types[random.Next(types.Length)],
                    [.. Enumerable.Range(0, random.Next(5)).Select(_ => new RangeEvent(kinds[random.Next(kinds.Length)], Version()))])).ToList();
                var entry = new AffectedPackage("X-1", "Go", "p", ranges, [], AdvisoryStatus.Fixed, []);
                var blob = AffectedRowCodec.EncodeRanges(entry);
                var stored = new EncodedRangeList(blob, AffectedRowCodec.Inspect(blob));
                var probe = $"{random.Next(3)}.{random.Next(3)}.{random.Next(3)}";
                Assert.True(plain.TryParse(OsvRangeEvaluator.Normalise(probe, scheme), out var installed));
                var expected = ranges.Any(r => OsvRangeEvaluator.Contains(r, installed!, plain));
                Assert.True(expected == OsvRangeEvaluator.ContainsAny(stored, installed!, cached),
                    $"{scheme} {probe} in {string.Join(" | ", ranges.Select(r => $"{r.Type}: {string.Join(", ", r.Events.Select(e => $"{e.Kind} {e.Version}"))}"))}");
                Assert.Equal(expected, OsvRangeEvaluator.ContainsAny(stored, installed!, plain));
            }
        }
    }

    [Theory]
    [InlineData("1.0.0", false)] // at fixed: not affected
    [InlineData("0.9.9", true)]
    [InlineData("0.5.0", true)]
    [InlineData("0.4.9", false)]
    public void Fixed_is_exclusive_and_introduced_inclusive(string probe, bool expected)
    {
        var range = new AffectedRange("SEMVER", [new RangeEvent("introduced", "0.5.0"), new RangeEvent("fixed", "1.0.0")]);
        Assert.True(SemVer.TryParse(probe, out var v));
        Assert.Equal(expected, OsvRangeEvaluator.Contains(range, v!, SemVer));
    }

    [Theory]
    [InlineData("2.0.0", true)] // last_affected includes its version
    [InlineData("2.0.1", false)]
    public void Last_affected_is_inclusive(string probe, bool expected)
    {
        var range = new AffectedRange("SEMVER", [new RangeEvent("last_affected", "2.0.0"), new RangeEvent("introduced", "0")]);
        Assert.True(SemVer.TryParse(probe, out var v));
        Assert.Equal(expected, OsvRangeEvaluator.Contains(range, v!, SemVer));
    }

    [Fact]
    public void Git_ranges_and_unparsable_events_never_match_on_their_own()
    {
        Assert.True(SemVer.TryParse("1.0.0", out var v));
        Assert.False(OsvRangeEvaluator.Contains(new AffectedRange("GIT", [new RangeEvent("introduced", "0")]), v!, SemVer));
        Assert.False(OsvRangeEvaluator.Contains(new AffectedRange("SEMVER", [new RangeEvent("introduced", "not a version")]), v!, SemVer));
    }

    // The specification's algorithm, written plainly.
    private static bool Reference(IReadOnlyList<RangeEvent> events, IVersion version)
    {
        var parsed = events.Select(e => (e.Kind, Version: e.Kind == "introduced" && e.Version == "0" ? null : SemVer.TryParse(e.Version, out var p) ? p : null, Zero: e.Kind == "introduced" && e.Version == "0"))
            .Where(e => e.Zero || e.Version is not null)
            .OrderBy(e => e, Comparer<(string Kind, IVersion? Version, bool Zero)>.Create((a, b) =>
                a.Zero ? (b.Zero ? 0 : -1) : b.Zero ? 1 : SemVer.Compare(a.Version!, b.Version!)))
            .ToList();
        var affected = false;
        foreach (var e in parsed)
        {
            if (e.Kind == "introduced" && (e.Zero || SemVer.Compare(version, e.Version!) >= 0))
            {
                affected = true;
            }
            else if ((e.Kind is "fixed" or "limit" && SemVer.Compare(version, e.Version!) >= 0) || (e.Kind == "last_affected" && SemVer.Compare(version, e.Version!) > 0))
            {
                affected = false;
            }
        }

        return affected;
    }
}
