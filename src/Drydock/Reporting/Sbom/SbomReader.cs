using System.Text.Json;
using Drydock.Analysis.Census;
using Drydock.Analysis.Packages;
using Drydock.Inventory;

namespace Drydock.Reporting.Sbom;

/// <summary>Reads a CycloneDX or SPDX JSON SBOM (ours or another tool's) into a report with its packages, so that
/// matching can run without the image (<c>drydock scan sbom:FILE</c>).</summary>
public static class SbomReader
{
    /// <summary>The largest SBOM accepted.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>Reads the SBOM at <paramref name="path"/>.</summary>
    public static async Task<ScanReport> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DrydockInputException($"sbom:{path}: no such file");
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new HostileInputException($"sbom:{path}: larger than the {MaxBytes}-byte SBOM limit");
        }

        await using var stream = File.OpenRead(path);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 128 }, cancellationToken).ConfigureAwait(false);
            return Read(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"sbom:{path}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }
    }

    /// <summary>Reads an SBOM document.</summary>
    public static ScanReport Read(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DrydockInputException($"sbom:{name}: not a CycloneDX or SPDX JSON document");
        }

        if (Text(root, "bomFormat") == "CycloneDX")
        {
            return ReadCycloneDx(root, name);
        }

        if (Text(root, "spdxVersion") is { } version && version.StartsWith("SPDX-2", StringComparison.Ordinal))
        {
            return ReadSpdx(root, name);
        }

        throw new DrydockInputException($"sbom:{name}: neither CycloneDX (bomFormat) nor SPDX 2.x (spdxVersion) JSON");
    }

    private static ScanReport ReadCycloneDx(JsonElement root, string file)
    {
        var packages = new List<PackageReport>();
        OsReport? os = null;
        var imageName = file;
        string? digest = null;
        if (root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("component", out var main))
        {
            imageName = Text(main, "name") ?? file;
            digest = Text(main, "version");
        }

        foreach (var component in Components(root))
        {
            if (Text(component, "type") == "operating-system")
            {
                os ??= new OsReport(Text(component, "name") ?? "unknown", Text(component, "version") ?? string.Empty, Text(component, "description"), "sbom");
                continue;
            }

            var properties = Properties(component);
            var licenses = new List<string>();
            if (component.TryGetProperty("licenses", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var choice in list.EnumerateArray())
                {
                    if (Text(choice, "expression") is { } expression)
                    {
                        licenses.Add(expression);
                    }
                    else if (choice.TryGetProperty("license", out var license) && (Text(license, "id") ?? Text(license, "name")) is { } l)
                    {
                        licenses.Add(l);
                    }
                }
            }

            if (ToPackage(Text(component, "purl"), licenses, properties.GetValueOrDefault("drydock:package:path") ?? $"sbom:{file}",
                    properties.GetValueOrDefault("drydock:package:layer"), Text(component, "supplier") ?? SupplierName(component)) is { } package)
            {
                packages.Add(package);
            }
        }

        return Report(imageName, digest, os, packages);
    }

    private static ScanReport ReadSpdx(JsonElement root, string file)
    {
        var packages = new List<PackageReport>();
        OsReport? os = null;
        var imageName = Text(root, "name") ?? file;
        if (root.TryGetProperty("packages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in list.EnumerateArray())
            {
                var purpose = Text(p, "primaryPackagePurpose");
                // The JSON schema spells it OPERATING_SYSTEM, the spec's tag-value form (and Trivy) OPERATING-SYSTEM.
                if (purpose is "OPERATING_SYSTEM" or "OPERATING-SYSTEM")
                {
                    os ??= new OsReport(Text(p, "name") ?? "unknown", Text(p, "versionInfo") ?? string.Empty, null, "sbom");
                    continue;
                }

                if (purpose == "CONTAINER")
                {
                    imageName = Text(p, "name") ?? imageName;
                    continue;
                }

                string? purl = null;
                if (p.TryGetProperty("externalRefs", out var refs) && refs.ValueKind == JsonValueKind.Array)
                {
                    purl = refs.EnumerateArray().Where(r => Text(r, "referenceType") == "purl").Select(r => Text(r, "referenceLocator")).FirstOrDefault(x => x is not null);
                }

                var declared = Text(p, "licenseDeclared");
                var licenses = declared is null or "NOASSERTION" or "NONE" ? [] : new List<string> { declared };
                var supplier = Text(p, "supplier") is { } s && s != "NOASSERTION" ? s.Split(':', 2)[^1].Trim() : null;
                if (ToPackage(purl, licenses, $"sbom:{file}", null, supplier) is { } package)
                {
                    packages.Add(package);
                }
            }
        }

        return Report(imageName, null, os, packages);
    }

    private static PackageReport? ToPackage(string? purl, List<string> licenses, string path, string? layer, string? supplier)
    {
        if (PackageUrlParser.TryParse(purl) is not { } parsed)
        {
            return null;
        }

        var version = parsed.Version ?? string.Empty;
        string? sourceName = null, sourceVersion = null;
        if (parsed.Qualifiers.TryGetValue("upstream", out var upstream))
        {
            // pkg:deb/...?upstream=openssl or upstream=openssl@3.0.11-1 (Trivy writes the source package this way).
            var at = upstream.IndexOf('@');
            (sourceName, sourceVersion) = at > 0 ? (upstream[..at], upstream[(at + 1)..]) : (upstream, null);
        }

        int? epoch = parsed.Qualifiers.TryGetValue("epoch", out var e) && int.TryParse(e, out var n) ? n : null;
        var ns = parsed.Type is PackageTypes.Deb or PackageTypes.Apk or PackageTypes.Rpm ? null : parsed.Namespace;
        return new PackageReport
        {
            Type = parsed.Type,
            Namespace = parsed.Type == PackageTypes.Golang && ns is not null ? null : ns,
            Name = parsed.Type == PackageTypes.Golang && parsed.Namespace is { } goNs ? $"{goNs}/{parsed.Name}" : parsed.Name,
            Version = version,
            Epoch = epoch,
            Arch = parsed.Qualifiers.GetValueOrDefault("arch"),
            SourceName = sourceName,
            SourceVersion = sourceVersion,
            Purl = purl!,
            Licenses = licenses,
            Supplier = supplier,
            Path = path,
            Layer = layer ?? string.Empty,
        };
    }

    private static ScanReport Report(string name, string? digest, OsReport? os, List<PackageReport> packages) => new()
    {
        // Without an operating-system component, an OS package's distro qualifier (debian-11, alpine-3.19.1) names it.
        Generator = new GeneratorInfo("drydock", ScanReportBuilder.Version),
        CreatedAt = DateTimeOffset.UtcNow,
        Artifact = new ArtifactReport
        {
            Name = name,
            Transport = "sbom",
            Digest = digest is not null && digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest : null,
            Platform = "unknown",
            Os = os ?? OsFromDistroQualifier(packages),
            Config = new ImageConfigReport(),
        },
        Census = new CensusReport { Summary = CensusSummary.Of([]) },
        Packages = packages,
        Statistics = new StatisticsReport(0, 0, 0, 0),
    };

    private static OsReport? OsFromDistroQualifier(List<PackageReport> packages)
    {
        foreach (var p in packages.Where(p => PackageTypes.IsOsPackage(p.Type)))
        {
            if (PackageUrlParser.TryParse(p.Purl)?.Qualifiers.GetValueOrDefault("distro") is { } distro && distro.LastIndexOf('-') is > 0 and var dash)
            {
                return new OsReport(distro[..dash], distro[(dash + 1)..], null, "sbom");
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Components(JsonElement parent)
    {
        if (!parent.TryGetProperty("components", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var component in list.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Text(component, "type") == "file")
            {
                continue; // a package's installed files (ours nest them in the package), not packages
            }

            yield return component;
            foreach (var nested in Components(component))
            {
                yield return nested;
            }
        }
    }

    private static Dictionary<string, string> Properties(JsonElement component)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (component.TryGetProperty("properties", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in list.EnumerateArray())
            {
                if (Text(p, "name") is { } n && Text(p, "value") is { } v)
                {
                    result.TryAdd(n, v);
                }
            }
        }

        return result;
    }

    private static string? SupplierName(JsonElement component)
        => component.TryGetProperty("supplier", out var s) && s.ValueKind == JsonValueKind.Object ? Text(s, "name") : null;

    private static string? Text(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
