using Drydock.Analysis.Census;
using Drydock.Analysis.Executables;
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
using Drydock.Analysis.Scripts;
using Drydock.Analysis.Secrets;

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

    /// <summary>The inventory analyzers plus those the chosen <paramref name="scanners"/> need; <paramref name="userRules"/>
    /// (YARA rules, IOC lists, clamd: <c>Analysis/UserRules</c>) run with the malware scanner.</summary>
    public static AnalyzerCatalog For(Scanners scanners, IEnumerable<IAnalyzer>? userRules = null)
    {
        var analyzers = new List<IAnalyzer>(Inventory());
        if (scanners.HasFlag(Scanners.Malware))
        {
            analyzers.AddRange(MalwareAnalyzers());
            analyzers.AddRange(userRules ?? []);
        }

        if (scanners.HasFlag(Scanners.Secrets))
        {
            analyzers.AddRange(SecretAnalyzers());
        }

        return new AnalyzerCatalog(analyzers);
    }

    private static IEnumerable<IAnalyzer> MalwareAnalyzers() => [
        new ScriptContentAnalyzer(),
        new ExecutablesAnalyzer(),
        new MalwareSignatureAnalyzer(),
    ];

    private static IEnumerable<IAnalyzer> SecretAnalyzers() => [new SecretsAnalyzer()];

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

    /// <summary>What each analyzer adds to the cache key: <c>id@version</c>, and <c>:configuration</c> for a configured one.</summary>
    public IEnumerable<string> KeyParts => Analyzers.Select(a => a is IConfiguredAnalyzer { ConfigurationKey: { } configuration }
        ? $"{a.Id}@{a.Version}:{configuration}"
        : $"{a.Id}@{a.Version}");

    /// <summary>False when a configured analyzer cannot name its configuration: layer results then bypass the cache.</summary>
    public bool Cacheable => Analyzers.All(a => a is not IConfiguredAnalyzer { ConfigurationKey: null });
}
