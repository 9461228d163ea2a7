using Drydock.Analysis.Packages;

namespace Drydock.Reporting;

/// <summary>What the SBOM writers share: stable reference ids per package and dependency resolution by name.</summary>
internal sealed class SbomComponents
{
    private readonly Dictionary<PackageReport, string> _refs = new(ReferenceEqualityComparer.Instance);

    public SbomComponents(ScanReport report, Func<PackageReport, int, string> makeRef)
    {
        Report = report;
        for (var i = 0; i < report.Packages.Count; i++)
        {
            _refs[report.Packages[i]] = makeRef(report.Packages[i], i);
        }
    }

    public ScanReport Report { get; }

    public string RefOf(PackageReport package) => _refs[package];

    /// <summary>The packages <paramref name="package"/> depends on, resolved among the image's packages of the same type
    /// (a dependency written "name" or "name@version"; the same folder tree is preferred for npm).</summary>
    public IEnumerable<PackageReport> DependenciesOf(PackageReport package)
    {
        if (package.Type == PackageTypes.Golang && package.Metadata?.GetValueOrDefault("mainModule") == "true")
        {
            // A Go binary's main module depends on every module (and the toolchain's stdlib) linked into it.
            foreach (var linked in Report.Packages.Where(p => p.Type == PackageTypes.Golang && p.Path == package.Path && !ReferenceEquals(p, package)))
            {
                yield return linked;
            }

            yield break;
        }

        foreach (var dependency in package.DependsOn)
        {
            var at = dependency.LastIndexOf('@');
            var name = at > 0 ? dependency[..at] : dependency;
            var version = at > 0 ? dependency[(at + 1)..] : null;
            var candidates = Report.Packages.Where(p => p.Type == package.Type && FullName(p) == name && (version is null || p.Version == version) && !ReferenceEquals(p, package)).ToList();
            if (candidates.Count > 1 && package.Type == PackageTypes.Npm)
            {
                // node resolves from the nearest node_modules upwards: prefer the candidate sharing the longest path prefix.
                candidates = [candidates.MaxBy(c => CommonPrefix(c.Path, package.Path))!];
            }

            foreach (var c in candidates.Take(1))
            {
                yield return c;
            }
        }
    }

    /// <summary>Archives nested directly inside <paramref name="package"/>'s archive (a JAR in a WAR's WEB-INF/lib).</summary>
    public IEnumerable<PackageReport> NestedIn(PackageReport package)
    {
        if (package.Type != PackageTypes.Maven)
        {
            return [];
        }

        var prefix = package.Path + "!/";
        return Report.Packages.Where(p => p.Type == PackageTypes.Maven && p.Path.StartsWith(prefix, StringComparison.Ordinal)
            && !p.Path.AsSpan(prefix.Length).Contains("!/", StringComparison.Ordinal));
    }

    /// <summary>The files an OS package installed, as its database lists them, each with the digest the database records
    /// where it records one; nothing for other packages.</summary>
    public static IEnumerable<(string Path, FileDigest? Digest)> FilesOf(PackageReport package)
        => PackageTypes.IsOsPackage(package.Type) && package.InstalledFiles is { } files
            ? files.Select(f => (f, FileDigest.Parse(package.FileDigests?.GetValueOrDefault(f))))
            : [];

    /// <summary>The name including the namespace the way the ecosystem writes dependencies (@scope/name, vendor/name).</summary>
    public static string FullName(PackageReport p) => p.Type switch
    {
        PackageTypes.Npm or PackageTypes.Composer when p.Namespace is { Length: > 0 } ns => $"{ns}/{p.Name}",
        PackageTypes.Maven when p.Namespace is { Length: > 0 } g => $"{g}:{p.Name}",
        _ => p.Name,
    };

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
