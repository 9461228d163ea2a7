using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Drydock.Tests.Reporting;

/// <summary>The SPDX 2.3 JSON schema's rules (spdx-spec tag v2.3, schemas/spdx-schema.json) for every object Drydock
/// writes, checked member by member, plus what a schema cannot say (every relationship names an element of the document).
/// No package registry these tests may use ships that schema file (npm, the NuGet mirror and Debian were searched; see
/// docs/report-schema.md), so its rules are restated here: each object's allowed members (the schema forbids any other),
/// required members, types, enumerations and patterns.</summary>
public static partial class Spdx23Rules
{
    private static readonly Rule Document = new(
        ["SPDXID", "annotations", "comment", "creationInfo", "dataLicense", "documentDescribes", "documentNamespace", "externalDocumentRefs",
         "files", "hasExtractedLicensingInfos", "name", "packages", "relationships", "revieweds", "snippets", "spdxVersion"],
        ["SPDXID", "creationInfo", "dataLicense", "name", "spdxVersion"]);

    private static readonly Rule CreationInfo = new(["comment", "created", "creators", "licenseListVersion"], ["created", "creators"]);

    private static readonly Rule Package = new(
        ["SPDXID", "annotations", "attributionTexts", "builtDate", "checksums", "comment", "copyrightText", "description", "downloadLocation",
         "externalRefs", "filesAnalyzed", "hasFiles", "homepage", "licenseComments", "licenseConcluded", "licenseDeclared", "licenseInfoFromFiles",
         "name", "originator", "packageFileName", "packageVerificationCode", "primaryPackagePurpose", "releaseDate", "sourceInfo", "summary",
         "supplier", "validUntilDate", "versionInfo"],
        ["SPDXID", "downloadLocation", "name"]);

    private static readonly Rule File = new(
        ["SPDXID", "annotations", "artifactOfs", "attributionTexts", "checksums", "comment", "copyrightText", "fileContributors", "fileDependencies",
         "fileName", "fileTypes", "licenseComments", "licenseConcluded", "licenseInfoInFiles", "noticeText"],
        ["SPDXID", "checksums", "fileName"]);

    private static readonly Rule Relationship = new(["comment", "relatedSpdxElement", "relationshipType", "spdxElementId"],
        ["spdxElementId", "relatedSpdxElement", "relationshipType"]);

    private static readonly Rule ExternalRef = new(["comment", "referenceCategory", "referenceLocator", "referenceType"],
        ["referenceCategory", "referenceLocator", "referenceType"]);

    private static readonly Rule Checksum = new(["algorithm", "checksumValue"], ["algorithm", "checksumValue"]);

    private static readonly Rule ExtractedLicence = new(["comment", "crossRefs", "extractedText", "licenseId", "name", "seeAlsos"],
        ["extractedText", "licenseId"]);

    private static readonly string[] Algorithms =
        ["SHA1", "BLAKE3", "SHA3-384", "SHA256", "SHA384", "BLAKE2b-512", "BLAKE2b-256", "SHA3-512", "MD2", "ADLER32", "MD4", "SHA3-256", "BLAKE2b-384", "SHA512", "MD6", "MD5", "SHA224"];

    private static readonly string[] Purposes =
        ["OTHER", "INSTALL", "ARCHIVE", "FIRMWARE", "APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "SOURCE", "DEVICE", "OPERATING_SYSTEM", "FILE"];

    private static readonly string[] Categories = ["OTHER", "PERSISTENT-ID", "SECURITY", "PACKAGE-MANAGER"];

    // The relationship types Drydock writes (the schema lists 45; these are a subset of them).
    private static readonly string[] RelationshipTypes = ["DESCRIBES", "CONTAINS", "DEPENDS_ON"];

    /// <summary>Fails with every violation found (up to 20) when the document breaks a rule.</summary>
    public static void AssertConforms(JsonNode document)
    {
        var errors = new List<string>();
        Check(document, errors);
        Assert.True(errors.Count == 0, "SPDX 2.3: " + string.Join("; ", errors.Take(20)));
    }

    /// <summary>Every rule the document breaks, as "path: what".</summary>
    public static List<string> Violations(JsonNode document)
    {
        var errors = new List<string>();
        Check(document, errors);
        return errors;
    }

    private static void Check(JsonNode document, List<string> errors)
    {
        if (!Document.Check(document, "$", errors))
        {
            return;
        }

        String(document, "spdxVersion", "$", errors, "^SPDX-2\\.3$");
        String(document, "dataLicense", "$", errors, "^CC0-1\\.0$");
        String(document, "SPDXID", "$", errors, "^SPDXRef-DOCUMENT$");
        String(document, "name", "$", errors);
        String(document, "documentNamespace", "$", errors, "^https?://[^#\\s]+$");
        var creation = document["creationInfo"];
        if (CreationInfo.Check(creation, "$.creationInfo", errors))
        {
            String(creation!, "created", "$.creationInfo", errors, "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\dZ$");
            var creators = Array(creation!, "creators", "$.creationInfo", errors);
            if (creators is { Count: 0 })
            {
                errors.Add("$.creationInfo.creators: needs at least one creator");
            }

            foreach (var (creator, i) in (creators ?? []).Select((c, i) => (c, i)))
            {
                if (creator?.GetValueKind() != JsonValueKind.String || !CreatorPattern().IsMatch(creator.GetValue<string>()))
                {
                    errors.Add($"$.creationInfo.creators[{i}]: not 'Tool: ', 'Organization: ' or 'Person: '");
                }
            }
        }

        var elements = new HashSet<string>(StringComparer.Ordinal) { "SPDXRef-DOCUMENT" };
        foreach (var (package, i) in (Array(document, "packages", "$", errors) ?? []).Select((p, i) => (p, i)))
        {
            var path = $"$.packages[{i}]";
            if (!Package.Check(package, path, errors))
            {
                continue;
            }

            Element(package!, path, elements, errors);
            String(package!, "name", path, errors);
            String(package!, "downloadLocation", path, errors);
            foreach (var text in new[] { "versionInfo", "supplier", "sourceInfo", "licenseConcluded", "licenseDeclared", "copyrightText", "primaryPackagePurpose" })
            {
                if (package![text] is not null)
                {
                    String(package, text, path, errors);
                }
            }

            if (package!["supplier"]?.GetValue<string>() is { } supplier && supplier != "NOASSERTION" && !SupplierPattern().IsMatch(supplier))
            {
                errors.Add($"{path}.supplier: '{supplier}' is neither NOASSERTION nor 'Organization: ' / 'Person: '");
            }

            if (package["filesAnalyzed"] is { } analyzed && analyzed.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{path}.filesAnalyzed: not a boolean");
            }

            if (package["primaryPackagePurpose"]?.GetValue<string>() is { } purpose && !Purposes.Contains(purpose))
            {
                errors.Add($"{path}.primaryPackagePurpose: '{purpose}' is not in the enumeration");
            }

            Checksums(package, path, errors, required: false);
            foreach (var (reference, j) in (package["externalRefs"] is null ? [] : Array(package, "externalRefs", path, errors) ?? []).Select((r, j) => (r, j)))
            {
                var refPath = $"{path}.externalRefs[{j}]";
                if (ExternalRef.Check(reference, refPath, errors))
                {
                    String(reference!, "referenceType", refPath, errors);
                    String(reference!, "referenceLocator", refPath, errors);
                    if (reference!["referenceCategory"]?.GetValue<string>() is { } category && !Categories.Contains(category))
                    {
                        errors.Add($"{refPath}.referenceCategory: '{category}' is not in the enumeration");
                    }
                }
            }
        }

        if (document["files"] is not null)
        {
            foreach (var (file, i) in (Array(document, "files", "$", errors) ?? []).Select((f, i) => (f, i)))
            {
                var path = $"$.files[{i}]";
                if (File.Check(file, path, errors))
                {
                    Element(file!, path, elements, errors);
                    String(file!, "fileName", path, errors);
                    Checksums(file!, path, errors, required: true);
                }
            }
        }

        foreach (var (relationship, i) in (Array(document, "relationships", "$", errors) ?? []).Select((r, i) => (r, i)))
        {
            var path = $"$.relationships[{i}]";
            if (!Relationship.Check(relationship, path, errors))
            {
                continue;
            }

            foreach (var end in new[] { "spdxElementId", "relatedSpdxElement" })
            {
                if (String(relationship!, end, path, errors) is { } id && !elements.Contains(id))
                {
                    errors.Add($"{path}.{end}: '{id}' names no element of the document");
                }
            }

            if (String(relationship!, "relationshipType", path, errors) is { } type && !RelationshipTypes.Contains(type))
            {
                errors.Add($"{path}.relationshipType: '{type}' is not one Drydock writes");
            }
        }

        if (document["hasExtractedLicensingInfos"] is not null)
        {
            foreach (var (licence, i) in (Array(document, "hasExtractedLicensingInfos", "$", errors) ?? []).Select((l, i) => (l, i)))
            {
                var path = $"$.hasExtractedLicensingInfos[{i}]";
                if (ExtractedLicence.Check(licence, path, errors))
                {
                    String(licence!, "licenseId", path, errors, "^LicenseRef-[A-Za-z0-9.-]+$");
                    String(licence!, "extractedText", path, errors);
                }
            }
        }
    }

    private static void Element(JsonNode element, string path, HashSet<string> elements, List<string> errors)
    {
        if (String(element, "SPDXID", path, errors, "^SPDXRef-[a-zA-Z0-9.-]+$") is { } id && !elements.Add(id))
        {
            errors.Add($"{path}.SPDXID: '{id}' is not unique");
        }
    }

    private static void Checksums(JsonNode element, string path, List<string> errors, bool required)
    {
        if (element["checksums"] is null && !required)
        {
            return;
        }

        var checksums = Array(element, "checksums", path, errors);
        if (required && checksums is { Count: 0 })
        {
            errors.Add($"{path}.checksums: needs at least one checksum");
        }

        foreach (var (checksum, i) in (checksums ?? []).Select((c, i) => (c, i)))
        {
            var at = $"{path}.checksums[{i}]";
            if (Checksum.Check(checksum, at, errors))
            {
                String(checksum!, "checksumValue", at, errors, "^[0-9a-fA-F]+$");
                if (String(checksum!, "algorithm", at, errors) is { } algorithm && !Algorithms.Contains(algorithm))
                {
                    errors.Add($"{at}.algorithm: '{algorithm}' is not in the enumeration");
                }
            }
        }
    }

    private static string? String(JsonNode node, string member, string path, List<string> errors, string? pattern = null)
    {
        if (node[member] is not { } value || value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"{path}.{member}: not a string");
            return null;
        }

        var text = value.GetValue<string>();
        if (pattern is not null && !Regex.IsMatch(text, pattern))
        {
            errors.Add($"{path}.{member}: '{text}' does not match {pattern}");
        }

        return text;
    }

    private static JsonArray? Array(JsonNode node, string member, string path, List<string> errors)
    {
        if (node[member] is JsonArray array)
        {
            return array;
        }

        errors.Add($"{path}.{member}: not an array");
        return null;
    }

    [GeneratedRegex("^(Tool|Organization|Person): .+$")]
    private static partial Regex CreatorPattern();

    [GeneratedRegex("^(Organization|Person): .+$")]
    private static partial Regex SupplierPattern();

    /// <summary>One object kind of the schema: the members it may have and those it must have.</summary>
    private sealed record Rule(string[] Allowed, string[] Required)
    {
        public bool Check(JsonNode? node, string path, List<string> errors)
        {
            if (node is not JsonObject obj)
            {
                errors.Add($"{path}: not an object");
                return false;
            }

            foreach (var (name, _) in obj)
            {
                if (!Allowed.Contains(name))
                {
                    errors.Add($"{path}: member '{name}' is not allowed");
                }
            }

            foreach (var name in Required)
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"{path}: required member '{name}' is missing");
                }
            }

            return true;
        }
    }
}
