using Drydock.Versions;
using FsCheck;
using FsCheck.Fluent;

namespace Drydock.Tests.Versions;

/// <summary>Every scheme's order is a total preorder on generated versions: reflexive, antisymmetric and transitive.</summary>
public sealed class OrderPropertyTests
{
    public static TheoryData<VersionScheme> Schemes => new(VersionSchemes.All);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Generated_versions_mostly_parse(VersionScheme scheme)
    {
        var samples = VersionGenerators.For(scheme).Sample(500, 10);
        var valid = samples.Count(s => VersionSchemes.For(scheme).TryParse(s, out _));
        Assert.True(valid >= 400, $"{scheme}: only {valid} of 500 generated versions parse; the generator drifted from the grammar");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Order_is_antisymmetric_and_reflexive(VersionScheme scheme)
    {
        var comparer = VersionSchemes.For(scheme);
        var gen = VersionGenerators.Pairs(VersionGenerators.For(scheme), ["0", ".1", "-1", "a", "~", "-rc.1"])
            .Where(p => comparer.TryParse(p.A, out _) && comparer.TryParse(p.B, out _));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Arb.From(gen), p =>
        {
            var ab = comparer.Compare(p.A, p.B);
            var ba = comparer.Compare(p.B, p.A);
            return (ab == -ba && comparer.Compare(p.A, p.A) == 0 && ab is -1 or 0 or 1)
                .Label($"{scheme}: '{p.A}' vs '{p.B}' = {ab}, reversed {ba}");
        }));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Order_is_transitive(VersionScheme scheme)
    {
        var comparer = VersionSchemes.For(scheme);
        var one = VersionGenerators.For(scheme).Where(s => comparer.TryParse(s, out _));
        // Triples drawn from a small pool of near neighbours, so that ties and chains actually occur.
        var triples = from a in one
                      from t1 in Gen.Elements("", "0", ".0", "-1", "a", "~1", ".1")
                      from t2 in Gen.Elements("", "0", ".0", "-1", "a", "~1", ".1")
                      select new[] { a, a + t1, a + t2 };
        var gen = Gen.Frequency((1, Gen.Three(one).Select(t => new[] { t.Item1, t.Item2, t.Item3 })), (2, triples))
            .Where(t => t.All(s => comparer.TryParse(s, out _)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Arb.From(gen), t =>
        {
            foreach (var (x, y, z) in new[] { (0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0) })
            {
                if (comparer.Compare(t[x], t[y]) <= 0 && comparer.Compare(t[y], t[z]) <= 0 && comparer.Compare(t[x], t[z]) > 0)
                {
                    return false.Label($"{scheme}: '{t[x]}' <= '{t[y]}' <= '{t[z]}' but '{t[x]}' > '{t[z]}'");
                }
            }

            return true.ToProperty();
        }));
    }
}
