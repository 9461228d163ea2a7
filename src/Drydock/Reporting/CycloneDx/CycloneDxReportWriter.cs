using System.Text.Json.Nodes;
using Drydock.Analysis.Packages;
using Drydock.Reporting.Licenses;

namespace Drydock.Reporting.CycloneDx;

/// <summary>Writes the inventory as a CycloneDX 1.6 JSON SBOM: the image as metadata component, the OS and every
/// package as components (an OS package's installed files nested in it as components of type file, with their
/// digests where the package database records them), and the dependency graph where the package metadata gives it.</summary>
public sealed class CycloneDxReportWriter : IReportWriter
{
    public string Format => "cyclonedx";

    /// <summary>Whether OS packages list their installed files (<c>--no-package-files</c> turns it off).</summary>
    public bool PackageFiles { get; init; } = true;

    public Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
        => JsonDocumentWriter.WriteAsync(Build(report, Guid.NewGuid(), PackageFiles), output, cancellationToken);

    /// <summary>Builds the BOM document.</summary>
    public static JsonObject Build(ScanReport report, Guid serial, bool packageFiles = true)
    {
        var a = report.Artifact;
        var purlCounts = report.Packages.GroupBy(p => p.Purl).ToDictionary(g => g.Key, g => g.Count());
        var components = new SbomComponents(report, (p, i) => purlCounts[p.Purl] == 1 ? p.Purl : $"{p.Purl}#{p.Path}");
        var image = new JsonObject
        {
            ["bom-ref"] = "image",
            ["type"] = "container",
            ["name"] = a.Name,
        };
        if ((a.Digest ?? a.ConfigDigest) is { } version)
        {
            image["version"] = version;
        }

        image["properties"] = Properties(
            ("drydock:image:transport", a.Transport),
            ("drydock:image:platform", a.Platform),
            ("drydock:image:config-digest", a.ConfigDigest));

        var list = new JsonArray();
        var dependencies = new JsonArray();
        var imageDependsOn = new JsonArray();
        string? osRef = null;
        if (a.Os is { } os)
        {
            osRef = $"os:{os.Family}@{os.Version}";
            var osComponent = new JsonObject
            {
                ["bom-ref"] = osRef,
                ["type"] = "operating-system",
                ["name"] = os.Family,
                ["version"] = os.Version,
            };
            if (os.Name is { Length: > 0 } description)
            {
                osComponent["description"] = description;
            }

            list.Append(osComponent);
            imageDependsOn.Append(osRef);
        }

        var osDependsOn = new JsonArray();
        foreach (var p in report.Packages)
        {
            var component = new JsonObject
            {
                ["bom-ref"] = components.RefOf(p),
                ["type"] = "library",
            };
            if (p.Supplier is { Length: > 0 } supplier)
            {
                component["supplier"] = new JsonObject { ["name"] = supplier };
            }

            if (p.Namespace is { Length: > 0 } group)
            {
                component["group"] = group;
            }

            component["name"] = p.Name;
            component["version"] = p.Epoch is { } e && e != 0 ? $"{e}:{p.Version}" : p.Version;
            if (p.Metadata?.GetValueOrDefault("sha1") is { Length: 40 } sha1)
            {
                component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-1", ["content"] = sha1 });
            }

            if (Licenses(p.Licenses) is { } licenses)
            {
                component["licenses"] = licenses;
            }

            component["purl"] = p.Purl;
            component["properties"] = Properties(
                ("drydock:package:type", p.Type),
                ("drydock:package:path", p.Path),
                ("drydock:package:layer", p.Layer),
                ("drydock:package:arch", p.Arch),
                ("drydock:package:source-name", p.SourceName),
                ("drydock:package:source-version", p.SourceVersion));
            if (packageFiles && Files(p) is { } files)
            {
                component["components"] = files;
            }

            list.Append(component);

            if (osRef is not null && PackageTypes.IsOsPackage(p.Type))
            {
                osDependsOn.Append(components.RefOf(p));
            }
            else
            {
                imageDependsOn.Append(components.RefOf(p));
            }

            var deps = components.DependenciesOf(p).Concat(components.NestedIn(p)).Select(components.RefOf).Distinct().Order(StringComparer.Ordinal).Select(r => (JsonNode?)r).ToArray();
            dependencies.Append(new JsonObject { ["ref"] = components.RefOf(p), ["dependsOn"] = new JsonArray(deps) });
        }

        dependencies.Insert(0, new JsonObject { ["ref"] = "image", ["dependsOn"] = imageDependsOn });
        if (osRef is not null)
        {
            dependencies.Insert(1, new JsonObject { ["ref"] = osRef, ["dependsOn"] = osDependsOn });
        }

        var bom = new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = "urn:uuid:" + serial.ToString("D"),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = report.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = report.Generator.Name, ["version"] = report.Generator.Version }),
                },
                ["component"] = image,
            },
            ["components"] = list,
            ["dependencies"] = dependencies,
        };
        if (report.Vulnerabilities.Count > 0)
        {
            bom["vulnerabilities"] = Vulnerabilities(report, components);
        }

        return bom;
    }

    // The package's installed files as nested components of type file: "components" in CycloneDX is the assembly
    // (what the package consists of), while "dependencies" stays the package graph.
    private static JsonArray? Files(PackageReport package)
    {
        JsonArray? files = null;
        foreach (var (path, digest) in SbomComponents.FilesOf(package))
        {
            var file = new JsonObject { ["type"] = "file", ["name"] = path };
            if (digest is { } d && HashAlgorithm(d.Algorithm) is { } alg)
            {
                file["hashes"] = new JsonArray(new JsonObject { ["alg"] = alg, ["content"] = d.Hex });
            }

            (files ??= []).Append(file);
        }

        return files;
    }

    private static string? HashAlgorithm(string algorithm) => algorithm switch
    {
        FileDigest.Md5 => "MD5",
        FileDigest.Sha1 => "SHA-1",
        FileDigest.Sha256 => "SHA-256",
        "sha384" => "SHA-384",
        "sha512" => "SHA-512",
        _ => null,
    };

    private static JsonArray Vulnerabilities(ScanReport report, SbomComponents components)
    {
        var byLocation = report.Packages.ToLookup(p => (p.Purl, p.Path));
        var array = new JsonArray();
        foreach (var group in report.Vulnerabilities.GroupBy(v => v.Id))
        {
            var first = group.First();
            var vulnerability = new JsonObject
            {
                ["bom-ref"] = "vuln:" + first.Id,
                ["id"] = first.Id,
                ["source"] = new JsonObject { ["name"] = first.Sources.FirstOrDefault()?.Split(':')[0] ?? "drydock" },
            };
            if (first.Aliases.Count > 0)
            {
                vulnerability["references"] = new JsonArray([.. first.Aliases.Select(a => (JsonNode)new JsonObject { ["id"] = a, ["source"] = new JsonObject { ["name"] = SourceOfId(a) } })]);
            }

            var rating = new JsonObject { ["source"] = new JsonObject { ["name"] = first.SeveritySource } };
            if (first.CvssScore is { } score)
            {
                rating["score"] = score;
            }

            rating["severity"] = first.Severity;
            rating["method"] = first.CvssVector switch
            {
                null => "other",
                var x when x.StartsWith("CVSS:4.0", StringComparison.Ordinal) => "CVSSv4",
                var x when x.StartsWith("CVSS:3.1", StringComparison.Ordinal) => "CVSSv31",
                var x when x.StartsWith("CVSS:3.0", StringComparison.Ordinal) => "CVSSv3",
                _ => "CVSSv2",
            };
            if (first.CvssVector is { } vector)
            {
                rating["vector"] = vector;
            }

            vulnerability["ratings"] = new JsonArray(rating);
            if (first.Title is { } title)
            {
                vulnerability["description"] = title;
            }

            var fixes = group.SelectMany(v => v.FixedVersions).Distinct().ToList();
            if (fixes.Count > 0)
            {
                vulnerability["recommendation"] = $"Upgrade to a fixed version: {string.Join(", ", fixes)}";
            }

            var affects = new JsonArray();
            foreach (var v in group)
            {
                if (byLocation[(v.Package.Purl, v.Package.Path)].FirstOrDefault() is { } package)
                {
                    affects.Append(new JsonObject
                    {
                        ["ref"] = components.RefOf(package),
                        ["versions"] = new JsonArray(new JsonObject { ["version"] = v.InstalledVersion, ["status"] = "affected" }),
                    });
                }
            }

            vulnerability["affects"] = affects;
            vulnerability["properties"] = Properties(
                ("drydock:status", first.Status),
                ("drydock:kev", first.Kev is null ? null : "true"),
                ("drydock:epss", first.Epss?.Score.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture)));
            array.Append(vulnerability);
        }

        return array;
    }

    private static string SourceOfId(string id) => id.Split('-')[0] switch
    {
        "CVE" => "NVD",
        "GHSA" => "GitHub",
        "PYSEC" => "PyPA",
        "GO" => "Go",
        "RUSTSEC" => "RustSec",
        "DSA" or "DLA" => "Debian",
        "MAL" => "OpenSSF malicious-packages",
        var other => other,
    };

    private static JsonArray? Licenses(List<string> declared)
    {
        if (declared.Count == 0)
        {
            return null;
        }

        // CycloneDX takes either one SPDX expression or a list of licences (each by SPDX id or by name), never both.
        var normalised = declared.Select(l => SpdxLicenses.TryNormalise(l, out var x) ? x : null).ToList();
        if (normalised.All(x => x is not null) && (declared.Count > 1 || !IsPlainId(normalised[0]!)))
        {
            var expression = string.Join(" AND ", normalised.Select(x => declared.Count > 1 && x!.Contains(' ') ? $"({x})" : x));
            return new JsonArray(new JsonObject { ["expression"] = expression });
        }

        var array = new JsonArray();
        for (var i = 0; i < declared.Count; i++)
        {
            array.Append(new JsonObject
            {
                ["license"] = normalised[i] is { } id && IsPlainId(id)
                    ? new JsonObject { ["id"] = id }
                    : new JsonObject { ["name"] = declared[i] },
            });
        }

        return array;

        static bool IsPlainId(string x) => !x.Contains(' ') && !x.EndsWith('+') && !x.StartsWith("LicenseRef-", StringComparison.Ordinal);
    }

    private static JsonArray Properties(params (string Name, string? Value)[] properties)
        => new([.. properties.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]);
}
