using Drydock.Versions;
using FsCheck;
using FsCheck.Fluent;

namespace Drydock.Tests.Versions;

/// <summary>FsCheck generators of realistic version strings for each scheme, plus pair generators that share prefixes so ties and near-ties are common.</summary>
internal static class VersionGenerators
{
    private static Gen<string> Number { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Elements("00", "01", "007", "10", "100", "2024", "20240101")),
        (1, Gen.Elements("99999999999999999999", "4294967296")));

    private static Gen<string> Concat(Gen<string[]> parts) => parts.Select(p => string.Concat(p));

    private static Gen<string> Optional(Gen<string> gen, int percent)
        => Gen.Frequency((percent, gen), (100 - percent, Gen.Constant("")));

    private static Gen<string> Seq(Gen<string> piece, int min, int max)
        => Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(piece, n)).Select(p => string.Concat(p));

    public static Gen<string> Dpkg { get; } =
        from epoch in Optional(Gen.Elements("0:", "1:", "2:", "10:"), 25)
        from first in Number
        from rest in Seq(Gen.Frequency((4, Number), (3, Gen.Elements("a", "b", "z", "A", "Z", "rc", "dfsg")), (4, Gen.Elements(".", "+", "~", "~~", ".~"))), 0, 6)
        from revision in Optional(Seq(Gen.Frequency((4, Number), (2, Gen.Elements("a", "b", "deb", "ubuntu", "Z")), (3, Gen.Elements(".", "+", "~"))), 1, 5).Select(r => "-" + r), 70)
        select epoch + first + rest + revision;

    // Version and release always hold a letter or digit, as every real one does: rpm's answers on strings made only of
    // separators ("+" against "+.-.") depend on how its EVR parser treats an empty release, not on rpmvercmp.
    public static Gen<string> Rpm { get; } =
        from epoch in Optional(Gen.Elements("0:", "1:", "2:", "10:"), 25)
        from version in Seq(Gen.Frequency((4, Number), (3, Gen.Elements("a", "b", "z", "A", "Z", "rc", "el", "fc")), (4, Gen.Elements(".", "_", "+", "~", "^", "~~", ".^"))), 1, 7)
            .Where(v => v.Any(char.IsAsciiLetterOrDigit))
        from release in Optional(Seq(Gen.Frequency((4, Number), (2, Gen.Elements("el", "fc", "a", "Z")), (3, Gen.Elements(".", "_", "~", "^"))), 1, 5)
            .Where(r => r.Any(char.IsAsciiLetterOrDigit)).Select(r => "-" + r), 60)
        select epoch + version + release;

    public static Gen<string> Apk { get; } =
        from numbers in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Number, n)).Select(p => string.Join('.', p))
        from letter in Optional(Gen.Elements("a", "b", "z"), 20)
        from suffixes in Seq(from s in Gen.Elements("alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p")
                             from n in Optional(Number, 60)
                             select "_" + s + n, 0, 2)
        from hash in Optional(Gen.Elements("~1234", "~abcd", "~0f"), 10)
        from revision in Optional(Number.Select(n => "-r" + n), 50)
        select numbers + letter + suffixes + hash + revision;

    private static Gen<string> PreId { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (4, Gen.Elements("alpha", "beta", "rc", "a", "A", "Beta", "x-y", "0a")));

    public static Gen<string> Semantic { get; } =
        from numbers in Gen.ArrayOf(Gen.Choose(0, 4), 3).Select(p => string.Join('.', p))
        from pre in Optional(Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(PreId, n)).Select(p => "-" + string.Join('.', p)), 50)
        from build in Optional(Gen.Elements("+build", "+001", "+sha.1"), 15)
        select numbers + pre + build;

    public static Gen<string> Go { get; } = Gen.Frequency(
        (6, Semantic.Select(s => "v" + s)),
        (1, Gen.Elements("v1", "v1.2", "v2.0.0+incompatible", "v3.1.0+incompatible")),
        (2, from t in Gen.Elements("20190101000000", "20210615123456", "20230101000000")
            from h in Gen.Elements("abcdef123456", "0123456789ab")
            from b in Gen.Elements("v0.0.0-", "v1.2.4-0.", "v1.2.4-pre.0.")
            select b + t + "-" + h));

    public static Gen<string> Pep440 { get; } =
        from epoch in Optional(Gen.Elements("1!", "0!", "2!"), 10)
        from release in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 3), n)).Select(p => string.Join('.', p))
        from pre in Optional(from l in Gen.Elements("a", "b", "rc", "alpha", "c", "pre", "preview") from n in Optional(Gen.Choose(0, 3).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 80) select l + n, 30)
        from post in Optional(Gen.Elements(".post1", ".post0", "-1", ".rev2", "post"), 20)
        from dev in Optional(Gen.Elements(".dev0", ".dev3", "dev"), 20)
        from local in Optional(Gen.Elements("+ubuntu1", "+1", "+abc.2", "+1.abc", "+abc"), 15)
        select epoch + release + pre + post + dev + local;

    public static Gen<string> Maven { get; } =
        from first in Number
        from rest in Seq(from sep in Gen.Elements(".", "-", "")
                         from item in Gen.Frequency((4, Number), (4, Gen.Elements("alpha", "a", "b", "beta", "m", "milestone", "rc", "cr", "snapshot", "ga", "final", "release", "sp", "foo", "xyz", "")))
                         select sep + item, 0, 5)
        select first + rest;

    public static Gen<string> RubyGems { get; } =
        from first in Number
        from rest in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Frequency((5, Number), (2, Gen.Elements("a", "b", "pre", "rc1", "beta2"))), n))
        from dash in Optional(Gen.Elements("-1", "-pre", "-rc.1"), 15)
        select string.Join('.', [first, .. rest]) + dash;

    public static Gen<string> NuGet { get; } =
        from numbers in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 3), n)).Select(p => string.Join('.', p))
        from pre in Optional(Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(PreId, n)).Select(p => "-" + string.Join('.', p)), 40)
        select numbers + pre;

    public static Gen<string> Composer { get; } =
        from v in Optional(Gen.Constant("v"), 10)
        from numbers in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 3), n)).Select(p => string.Join('.', p))
        from stability in Optional(from s in Gen.Elements("-alpha", "-beta", "-RC", "-rc", "-patch", "-p", "-pl", "a", "b", "-stable") from n in Optional(Gen.Choose(1, 3).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 70) select s + n, 40)
        from dev in Optional(Gen.Constant("-dev"), 15)
        select v + numbers + stability + dev;

    public static Gen<string> For(VersionScheme scheme) => scheme switch
    {
        VersionScheme.Dpkg => Dpkg,
        VersionScheme.Apk => Apk,
        VersionScheme.Rpm => Rpm,
        VersionScheme.SemVer or VersionScheme.Cargo or VersionScheme.Npm => Semantic,
        VersionScheme.Pep440 => Pep440,
        VersionScheme.Maven => Maven,
        VersionScheme.Go => Go,
        VersionScheme.RubyGems => RubyGems,
        VersionScheme.NuGet => NuGet,
        VersionScheme.Composer => Composer,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    /// <summary>Pairs: half independent, half the second derived from the first (a suffix added or the last character changed).</summary>
    public static Gen<(string A, string B)> Pairs(Gen<string> gen, string[] tails)
        => Gen.Frequency(
            (2, Gen.Zip(gen, gen)),
            (1, from a in gen from t in Gen.Elements(tails) select (a, a + t)),
            (1, from a in gen from t in Gen.Elements(tails) select (a, a[..^1] + t)));
}
