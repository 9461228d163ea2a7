using System.Text.Json.Nodes;
using Drydock.Analysis.Packages;
using Drydock.Reporting.Licenses;

namespace Drydock.Reporting.Spdx;

/// <summary>Writes the inventory as an SPDX 2.3 JSON document: the image as the described package, which CONTAINS the
/// operating system (which CONTAINS the OS packages) and the language packages; purls as external references, an OS
/// package's installed files as files it CONTAINS (those whose digest the package database records), DEPENDS_ON
/// relationships where known.</summary>
public sealed class SpdxReportWriter : IReportWriter
{
    public string Format => "spdx-json";

    /// <summary>Whether OS packages list their installed files (<c>--no-package-files</c> turns it off).</summary>
    public bool PackageFiles { get; init; } = true;

    public Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
        => JsonDocumentWriter.WriteAsync(Build(report, Guid.NewGuid(), PackageFiles), output, cancellationToken);

    /// <summary>Builds the SPDX document.</summary>
    public static JsonObject Build(ScanReport report, Guid id, bool packageFiles = true)
    {
        var a = report.Artifact;
        var components = new SbomComponents(report, (_, i) => $"SPDXRef-Package-{i + 1}");
        var packages = new JsonArray();
        var files = new JsonArray();
        var relationships = new JsonArray(Relationship("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image"));
        var extracted = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var image = Package("SPDXRef-Image", a.Name, a.Digest ?? a.ConfigDigest, "CONTAINER");
        image["sourceInfo"] = $"container image read through the {a.Transport} transport, platform {a.Platform}";
        if (a.Digest is { } digest && digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            image["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = digest[7..] });
        }

        packages.Append(image);
        string? osId = null;
        if (a.Os is { } os)
        {
            osId = "SPDXRef-OperatingSystem";
            // The JSON schema's spelling (an underscore, unlike the tag-value form's OPERATING-SYSTEM).
            packages.Append(Package(osId, os.Family, os.Version, "OPERATING_SYSTEM"));
            relationships.Append(Relationship("SPDXRef-Image", "CONTAINS", osId));
        }

        foreach (var p in report.Packages)
        {
            var spdxId = components.RefOf(p);
            var package = Package(spdxId, SbomComponents.FullName(p), p.Epoch is { } e && e != 0 ? $"{e}:{p.Version}" : p.Version, "LIBRARY");
            package["supplier"] = p.Supplier is { Length: > 0 } s ? "Organization: " + OneLine(s) : "NOASSERTION";
            package["licenseDeclared"] = DeclaredLicense(p.Licenses, extracted);
            package["sourceInfo"] = $"package information read from {p.Path} (layer {p.Layer})";
            package["externalRefs"] = new JsonArray(new JsonObject
            {
                ["referenceCategory"] = "PACKAGE-MANAGER",
                ["referenceType"] = "purl",
                ["referenceLocator"] = p.Purl,
            });
            if (p.Metadata?.GetValueOrDefault("sha1") is { Length: 40 } sha1)
            {
                package["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = "SHA1", ["checksumValue"] = sha1 });
            }

            packages.Append(package);
            var parent = osId is not null && PackageTypes.IsOsPackage(p.Type) ? osId : "SPDXRef-Image";
            relationships.Append(Relationship(parent, "CONTAINS", spdxId));
            foreach (var dependency in components.DependenciesOf(p).Select(components.RefOf).Distinct().Order(StringComparer.Ordinal))
            {
                relationships.Append(Relationship(spdxId, "DEPENDS_ON", dependency));
            }

            foreach (var nested in components.NestedIn(p).Select(components.RefOf).Distinct().Order(StringComparer.Ordinal))
            {
                relationships.Append(Relationship(spdxId, "CONTAINS", nested));
            }

            if (packageFiles && AddFiles(p, spdxId, files, relationships))
            {
                // The document lists files of this package: SPDX says a package whose files are not analysed has none.
                package["filesAnalyzed"] = true;
            }
        }

        var document = new JsonObject
        {
            ["spdxVersion"] = "SPDX-2.3",
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["name"] = a.Name,
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/drydock/{Uri.EscapeDataString(a.Name)}-{id:D}",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = report.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["creators"] = new JsonArray($"Tool: {report.Generator.Name}-{report.Generator.Version}"),
            },
            ["packages"] = packages,
        };
        if (files.Count > 0)
        {
            document["files"] = files;
        }

        document["relationships"] = relationships;
        if (extracted.Count > 0)
        {
            document["hasExtractedLicensingInfos"] = new JsonArray([.. extracted.Select(x => (JsonNode)new JsonObject
            {
                ["licenseId"] = x.Key,
                ["name"] = x.Value,
                ["extractedText"] = $"The package declares the licence \"{x.Value}\", which is not on the SPDX license list.",
            })]);
        }

        return document;
    }

    // One SPDX File per installed file whose digest the database records (SPDX requires a checksum on every File;
    // a file without one stays listed in the CycloneDX output and the JSON report only), CONTAINed by the package.
    private static bool AddFiles(PackageReport package, string packageId, JsonArray files, JsonArray relationships)
    {
        var added = false;
        foreach (var (path, digest) in SbomComponents.FilesOf(package))
        {
            if (digest is not { } d || ChecksumAlgorithm(d.Algorithm) is not { } algorithm)
            {
                continue;
            }

            var fileId = $"SPDXRef-File-{files.Count + 1}";
            files.Append(new JsonObject
            {
                ["SPDXID"] = fileId,
                ["fileName"] = path,
                ["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = algorithm, ["checksumValue"] = d.Hex }),
            });
            relationships.Append(Relationship(packageId, "CONTAINS", fileId));
            added = true;
        }

        return added;
    }

    private static string? ChecksumAlgorithm(string algorithm) => algorithm switch
    {
        FileDigest.Md5 => "MD5",
        FileDigest.Sha1 => "SHA1",
        FileDigest.Sha256 => "SHA256",
        "sha224" => "SHA224",
        "sha384" => "SHA384",
        "sha512" => "SHA512",
        _ => null,
    };

    private static JsonObject Package(string spdxId, string name, string? version, string purpose)
    {
        var package = new JsonObject
        {
            ["SPDXID"] = spdxId,
            ["name"] = name,
        };
        if (!string.IsNullOrEmpty(version))
        {
            package["versionInfo"] = version;
        }

        package["downloadLocation"] = "NOASSERTION";
        package["filesAnalyzed"] = false;
        package["licenseConcluded"] = "NOASSERTION";
        package["licenseDeclared"] = "NOASSERTION";
        package["copyrightText"] = "NOASSERTION";
        package["primaryPackagePurpose"] = purpose;
        return package;
    }

    // Licences on the SPDX list become an expression; others become LicenseRef- ids described in hasExtractedLicensingInfos.
    private static string DeclaredLicense(List<string> declared, SortedDictionary<string, string> extracted)
    {
        if (declared.Count == 0)
        {
            return "NOASSERTION";
        }

        var parts = new List<string>();
        foreach (var license in declared)
        {
            if (SpdxLicenses.TryNormalise(license, out var expression))
            {
                parts.Add(declared.Count > 1 && expression.Contains(' ') ? $"({expression})" : expression);
            }
            else
            {
                var reference = SpdxLicenses.LicenseRef(license);
                extracted.TryAdd(reference, license);
                parts.Add(reference);
            }
        }

        return string.Join(" AND ", parts.Distinct(StringComparer.Ordinal));
    }

    private static JsonObject Relationship(string from, string type, string to) => new()
    {
        ["spdxElementId"] = from,
        ["relationshipType"] = type,
        ["relatedSpdxElement"] = to,
    };

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
