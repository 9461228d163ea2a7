using Drydock.Analysis.Census;
using Drydock.Analysis.Content.Signatures;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages.Apk;
using Drydock.Analysis.Packages.DotNet;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.Analysis.Packages.Golang;
using Drydock.Analysis.Packages.Java;
using Drydock.Analysis.Packages.Npm;
using Drydock.Analysis.Packages.Php;
using Drydock.Analysis.Packages.Python;
using Drydock.Analysis.Packages.Rpm;
using Drydock.Analysis.Packages.Ruby;

namespace Drydock.Analysis;

/// <summary>The explicit list of analyzers a scan runs (no registration by side effect).</summary>
public sealed class AnalyzerCatalog
{
    /// <summary>Creates a catalog over <paramref name="analyzers"/>; identifiers must be unique.</summary>
    public AnalyzerCatalog(IEnumerable<IAnalyzer> analyzers)
    {
        Analyzers = [.. analyzers.OrderBy(a => a.Id, StringComparer.Ordinal)];
        var duplicate = Analyzers.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"analyzer id '{duplicate.Key}' is registered twice", nameof(analyzers));
        }
    }

    /// <summary>The analyzers, ordered by id.</summary>
    public IReadOnlyList<IAnalyzer> Analyzers { get; }

    /// <summary>The analyzers of a default scan (every scanner).</summary>
    public static AnalyzerCatalog Default() => For(Scanners.All);

    /// <summary>The inventory analyzers plus those the chosen <paramref name="scanners"/> need.</summary>
    public static AnalyzerCatalog For(Scanners scanners)
    {
        var analyzers = new List<IAnalyzer>(Inventory());
        if (scanners.HasFlag(Scanners.Malware))
        {
            analyzers.AddRange(MalwareAnalyzers());
        }

        if (scanners.HasFlag(Scanners.Secrets))
        {
            analyzers.AddRange(SecretAnalyzers());
        }

        return new AnalyzerCatalog(analyzers);
    }

    private static IEnumerable<IAnalyzer> MalwareAnalyzers() => [
        new MalwareSignatureAnalyzer(),
    ];

    private static IEnumerable<IAnalyzer> SecretAnalyzers() => [];

    private static IEnumerable<IAnalyzer> Inventory() => [
        new OsReleaseAnalyzer(),
        new FileCensusAnalyzer(),
        new DpkgStatusAnalyzer(),
        new DpkgInfoAnalyzer(),
        new DpkgCopyrightAnalyzer(),
        new ApkInstalledAnalyzer(),
        new RpmDatabaseAnalyzer(),
        new NpmPackageJsonAnalyzer(),
        new NpmLockfileAnalyzer(),
        new PythonPackageAnalyzer(),
        new DepsJsonAnalyzer(),
        new GemspecAnalyzer(),
        new ComposerInstalledAnalyzer(),
        new JavaArchiveAnalyzer(),
        new GoBinaryAnalyzer(),
    ];

    /// <summary>Id and version of every analyzer, for the cache key.</summary>
    public IEnumerable<(string Id, int Version)> Versions => Analyzers.Select(a => (a.Id, a.Version));
}
