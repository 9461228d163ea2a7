using System.Globalization;
using System.Text;
using Drydock.Tests.Fixtures;
using Drydock.Versions;
using FsCheck;
using FsCheck.Fluent;

namespace Drydock.Tests.Versions;

/// <summary>
/// Property-based differential tests against the real tools on this machine: batches of generated version pairs go
/// through one process each (a shell loop over dpkg --compare-versions, one Lua chunk of rpm.vercmp calls), and every
/// pair must order as ours does.
/// </summary>
public sealed class RealToolDifferentialTests
{
    private const int BatchSize = 250;
    private const int Batches = 10;

    [Fact]
    public void Dpkg_orders_generated_pairs_as_dpkg_compare_versions_does()
    {
        var pairs = Gen.ArrayOf(VersionGenerators.Pairs(VersionGenerators.Dpkg, ["~", "~1", "a", "+b", ".0", "-1", "0", "1"])
            .Where(p => DpkgVersion.TryParse(p.A, out _) && DpkgVersion.TryParse(p.B, out _)), BatchSize);
        var checkedPairs = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Batches), Prop.ForAll(Arb.From(pairs), batch =>
        {
            checkedPairs += batch.Length;
            var real = DpkgSigns(batch);
            var ours = batch.Select(p => VersionSchemes.For(VersionScheme.Dpkg).Compare(p.A, p.B)).ToArray();
            return Disagreements(batch, real, ours).Label(string.Join('\n', DisagreementLines(batch, real, ours)));
        }));
        Assert.True(checkedPairs >= Batches * BatchSize, $"only {checkedPairs} pairs were compared");
    }

    [Fact]
    public void Rpm_orders_generated_pairs_as_rpm_vercmp_does()
    {
        var pairs = Gen.ArrayOf(VersionGenerators.Pairs(VersionGenerators.Rpm, ["~", "^", "^1", "a", "_1", ".0", "-1", "0"])
            .Where(p => RpmVersion.TryParse(p.A, out _) && RpmVersion.TryParse(p.B, out _)), BatchSize);
        var checkedPairs = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Batches), Prop.ForAll(Arb.From(pairs), batch =>
        {
            checkedPairs += batch.Length;
            var real = RpmSigns(batch);
            var ours = batch.Select(p => VersionSchemes.For(VersionScheme.Rpm).Compare(p.A, p.B)).ToArray();
            return Disagreements(batch, real, ours).Label(string.Join('\n', DisagreementLines(batch, real, ours)));
        }));
        Assert.True(checkedPairs >= Batches * BatchSize, $"only {checkedPairs} pairs were compared");
    }

    [SharedDataFact]
    public void Rpm_disabled_oddities_order_as_rpm_itself_does()
    {
        // rpm keeps these rows out of its test suite as "arguably buggy"; they are what rpm does, and so do we.
        var rows = VectorRows.Tsv("rpm", "rpm_rpmvercmp_at_disabled_oddities.tsv");
        var batch = rows.Select(r => (r[0], r[1])).ToArray();
        var real = RpmSigns(batch);
        var check = new VectorRows();
        for (var i = 0; i < rows.Length; i++)
        {
            var ours = VersionSchemes.For(VersionScheme.Rpm).Compare(rows[i][0], rows[i][1]);
            check.Check(ours == int.Parse(rows[i][2], CultureInfo.InvariantCulture) && ours == real[i], $"'{rows[i][0]}' vs '{rows[i][1]}': ours {ours}, rpm {real[i]}, file {rows[i][2]}");
        }

        check.AssertAllPassed(12);
    }

    private static bool Disagreements((string A, string B)[] batch, int[] real, int[] ours)
        => batch.Length == real.Length && real.SequenceEqual(ours);

    private static IEnumerable<string> DisagreementLines((string A, string B)[] batch, int[] real, int[] ours)
        => Enumerable.Range(0, Math.Min(batch.Length, real.Length))
            .Where(i => real[i] != ours[i])
            .Select(i => $"'{batch[i].A}' vs '{batch[i].B}': tool {real[i]}, ours {ours[i]}");

    private static int[] DpkgSigns((string A, string B)[] pairs)
    {
        // One bash process per batch; pairs arrive on stdin, tab separated.
        const string script = """
            while IFS=$'\t' read -r a b; do
              if dpkg --compare-versions "$a" lt "$b"; then echo -1
              elif dpkg --compare-versions "$a" eq "$b"; then echo 0
              else echo 1; fi
            done
            """;
        var input = string.Concat(pairs.Select(p => p.A + "\t" + p.B + "\n"));
        var result = ProcessRunner.RunAsync("bash", ["-c", script], TimeSpan.FromMinutes(2), stdin: input).GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Parse(result.Stdout, pairs.Length, "dpkg");
    }

    private static int[] RpmSigns((string A, string B)[] pairs)
    {
        // One rpm process per batch: a Lua chunk that collects every rpm.vercmp result and prints them once.
        var lua = new StringBuilder("local r = {}\n");
        foreach (var (a, b) in pairs)
        {
            lua.Append("r[#r+1] = rpm.vercmp(").Append(LuaString(a)).Append(", ").Append(LuaString(b)).Append(")\n");
        }

        lua.Append("print(table.concat(r, ','))\n");
        var file = Path.Combine(RepoPaths.Scratch("rpm-vercmp"), "pairs.lua");
        File.WriteAllText(file, lua.ToString());
        var result = ProcessRunner.RunAsync("rpm", ["--eval", $"%{{lua: dofile(\"{file}\")}}"], TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Parse(result.Stdout.Replace(',', '\n'), pairs.Length, "rpm");
    }

    private static string LuaString(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            sb.Append('\\').Append(b.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append('"').ToString();
    }

    private static int[] Parse(string output, int expected, string tool)
    {
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Math.Sign(int.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        Assert.True(values.Length == expected, $"{tool} gave {values.Length} results for {expected} pairs");
        return values;
    }
}
