using System.Text.Json;
using Drydock.Tests.Fixtures;
using Drydock.Versions;

namespace Drydock.Tests.Versions;

/// <summary>Reads the shared version-compare vectors and collects every failing row so one assertion reports them all.</summary>
internal sealed class VectorRows
{
    private readonly List<string> _failures = [];

    public int Checked { get; private set; }

    public static string[][] Tsv(params string[] path)
        => File.ReadAllLines(SharedData.Path(["version-compare", .. path]))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToArray();

    public static JsonElement Json(params string[] path)
        => JsonDocument.Parse(File.ReadAllText(SharedData.Path(["version-compare", .. path]))).RootElement;

    /// <summary>Records one row: a failure message when <paramref name="ok"/> is false.</summary>
    public void Check(bool ok, string row)
    {
        Checked++;
        if (!ok)
        {
            _failures.Add(row);
        }
    }

    /// <summary>Compares with the scheme's comparer and checks the sign; an invalid version is a failure.</summary>
    public void CheckCompare(VersionScheme scheme, string a, string b, int expected)
    {
        var comparer = VersionSchemes.For(scheme);
        if (!comparer.TryParse(a, out var va) || !comparer.TryParse(b, out var vb))
        {
            Check(false, $"{scheme}: '{a}' or '{b}' did not parse");
            return;
        }

        var got = comparer.Compare(va, vb);
        Check(got == expected, $"{scheme}: '{a}' vs '{b}' gave {got}, expected {expected}");
    }

    /// <summary>Fails with all recorded failures (at most 60 listed) and requires at least <paramref name="minimum"/> checked rows.</summary>
    public void AssertAllPassed(int minimum)
    {
        Assert.True(Checked >= minimum, $"only {Checked} rows were checked, expected at least {minimum}");
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {Checked} rows failed:\n" + string.Join('\n', _failures.Take(60)));
    }
}
