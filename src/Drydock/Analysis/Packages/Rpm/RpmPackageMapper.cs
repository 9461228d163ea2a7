using System.Globalization;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>Turns a parsed <see cref="RpmHeader"/> into the scanner's <see cref="PackageRecord"/>.</summary>
public static class RpmPackageMapper
{
    /// <summary>Builds the record: Version is VERSION-RELEASE, the epoch stays apart, the source package comes from
    /// SOURCERPM, installed files are normalised like layer paths (no leading slash) and sorted.</summary>
    public static PackageRecord ToRecord(RpmHeader header, string sourcePath)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Put(metadata, "modularitylabel", header.ModularityLabel);
        Put(metadata, "summary", header.Summary);
        Put(metadata, "sigmd5", header.SigMd5);
        Put(metadata, "sha256header", header.Sha256Header);
        Put(metadata, "sha1header", header.Sha1Header);
        Put(metadata, "sourcerpm", header.SourceRpm);
        if (header.Size is { } size)
        {
            metadata["size"] = size.ToString(CultureInfo.InvariantCulture);
        }

        var source = SplitSourceRpm(header.SourceRpm);
        return new PackageRecord
        {
            Type = PackageTypes.Rpm,
            Name = header.Name,
            Version = string.IsNullOrEmpty(header.Release) ? header.Version ?? "" : $"{header.Version}-{header.Release}",
            Epoch = header.Epoch,
            Arch = string.IsNullOrEmpty(header.Arch) ? null : header.Arch,
            SourceName = source?.Name,
            SourceVersion = source?.Version,
            Licenses = string.IsNullOrEmpty(header.License) ? [] : [header.License],
            Supplier = string.IsNullOrEmpty(header.Vendor) ? null : header.Vendor,
            SourcePath = sourcePath,
            InstalledFiles = [.. header.Files.Select(f => f.TrimStart('/')).Where(f => f.Length > 0).Distinct().Order(StringComparer.Ordinal)],
            FileDigests = Digests(header),
            Metadata = metadata,
        };
    }

    // Each file's digest from RPMTAG_FILEDIGESTS, keyed like InstalledFiles; directories and symlinks have none.
    private static SortedDictionary<string, string>? Digests(RpmHeader header)
    {
        if (header.FileDigests.Count == 0 || header.FileDigestAlgorithm is not { } algorithm)
        {
            return null;
        }

        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Files.Count; i++)
        {
            var hex = header.FileDigests[i];
            if (hex.Length > 0 && header.Files[i].TrimStart('/') is { Length: > 0 } path && FileDigest.FromHex(algorithm, hex, hex.Length) is { } digest)
            {
                digests[path] = digest.ToString();
            }
        }

        return digests.Count > 0 ? digests : null;
    }

    /// <summary>Splits <c>name-version-release.src.rpm</c> (or <c>.nosrc.rpm</c>) into name and "version-release";
    /// null when the value does not have that shape.</summary>
    public static (string Name, string Version)? SplitSourceRpm(string? sourceRpm)
    {
        if (string.IsNullOrEmpty(sourceRpm))
        {
            return null;
        }

        var stem = sourceRpm.AsSpan();
        if (stem.EndsWith(".src.rpm", StringComparison.Ordinal))
        {
            stem = stem[..^".src.rpm".Length];
        }
        else if (stem.EndsWith(".nosrc.rpm", StringComparison.Ordinal))
        {
            stem = stem[..^".nosrc.rpm".Length];
        }
        else
        {
            return null;
        }

        var releaseDash = stem.LastIndexOf('-');
        if (releaseDash <= 0)
        {
            return null;
        }

        var versionDash = stem[..releaseDash].LastIndexOf('-');
        if (versionDash <= 0 || releaseDash == stem.Length - 1 || versionDash == releaseDash - 1)
        {
            return null;
        }

        return (stem[..versionDash].ToString(), stem[(versionDash + 1)..].ToString());
    }

    private static void Put(SortedDictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            metadata[key] = value;
        }
    }
}
