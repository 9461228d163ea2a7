using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Drydock.Analysis.Packages.Java;

/// <summary>Reads one top-level Java archive from memory and every archive nested in it, within
/// <see cref="JavaArchiveLimits"/>, and turns their Maven metadata into packages. Nothing is written to disk.</summary>
internal sealed class JavaArchiveWalker(JavaArchiveLimits limits, LayerResultBuilder result, string sourcePath)
{
    private long _inflated;
    private bool _depthWarned;
    private bool _budgetWarned;

    /// <summary>Reads the top-level archive.</summary>
    public void Walk(ReadOnlySpan<byte> archive) => Walk(archive.ToArray(), 0, null, FileName(sourcePath));

    private void Walk(byte[] archive, int depth, string? innerPath, string fileName)
    {
        var where = innerPath is null ? sourcePath : sourcePath + "!/" + innerPath;
        var count = ZipDirectory.CountEntries(archive, limits.MaxEntries);
        if (count < 0)
        {
            Warn("jar-malformed", "no zip end-of-central-directory record", where);
            return;
        }

        if (count > limits.MaxEntries)
        {
            Warn("jar-too-many-entries", $"archive has more than {limits.MaxEntries} entries; not read", where);
            return;
        }

        var sha1 = Convert.ToHexStringLower(SHA1.HashData(archive));
        var found = new List<(string Group, string Artifact, string Version)>();
        var pomLicenses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JarManifest? manifest = null;
        var slips = 0;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (IsSlip(name))
                {
                    slips++;
                    continue;
                }

                var baseName = FileName(name);
                if (baseName == "pom.properties")
                {
                    if (ReadEntry(entry, limits.MaxMetadataBytes, where) is { } bytes && PomProperties.Parse(Encoding.Latin1.GetString(bytes)) is { } gav)
                    {
                        found.Add(gav);
                    }
                }
                else if (baseName == "pom.xml" && MavenDescriptor(name) is { } ga)
                {
                    if (ReadEntry(entry, limits.MaxMetadataBytes, where) is { } bytes)
                    {
                        try
                        {
                            var names = PomLicenses.Parse(bytes, limits.MaxMetadataBytes);
                            if (names.Count > 0)
                            {
                                pomLicenses[ga] = names;
                            }
                        }
                        catch (XmlException e)
                        {
                            Warn("pom-xml-malformed", $"{name}: {e.Message}", where);
                        }
                    }
                }
                else if (name.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase))
                {
                    if (ReadEntry(entry, limits.MaxMetadataBytes, where) is { } bytes)
                    {
                        manifest = JarManifest.Parse(Encoding.UTF8.GetString(bytes));
                    }
                }
                else if (JavaArchiveAnalyzer.IsArchiveName(baseName))
                {
                    var nestedPath = where + "!/" + name;
                    var nestedInner = innerPath is null ? name : innerPath + "!/" + name; // the chain inside the source file
                    if (depth + 1 > limits.MaxDepth)
                    {
                        if (!_depthWarned)
                        {
                            _depthWarned = true;
                            Warn("jar-nesting-too-deep", $"archives nested deeper than {limits.MaxDepth} levels are not read", nestedPath);
                        }

                        continue;
                    }

                    if (ReadEntry(entry, limits.MaxNestedArchiveBytes, where) is { } nested)
                    {
                        Walk(nested, depth + 1, nestedInner, baseName);
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            Warn("jar-malformed", e.Message, where);
        }

        if (slips > 0)
        {
            Warn("jar-zip-slip", $"{slips} entr{(slips == 1 ? "y" : "ies")} with an absolute or '..' name ignored", where);
        }

        AddPackages(found, manifest, pomLicenses, fileName, sha1, innerPath);
    }

    private void AddPackages(List<(string Group, string Artifact, string Version)> found, JarManifest? manifest,
        Dictionary<string, List<string>> pomLicenses, string fileName, string sha1, string? innerPath)
    {
        var records = new List<(string? Group, string Artifact, string Version, string Evidence)>();
        foreach (var (g, a, v) in found)
        {
            if (!records.Exists(r => r.Group == g && r.Artifact == a && r.Version == v))
            {
                records.Add((g, a, v, "pom.properties"));
            }
        }

        // As Trivy: when no pom.properties describes the archive itself (by file name), fall back to the manifest;
        // offline, with no manifest coordinates, the file name gives artifact and version without a group.
        // A pom.properties whose artifact is the file's own name describes the archive even when the name carries no
        // version (Debian installs commons-io.jar): then the manifest would only add a duplicate under its display name.
        var fromName = JarFileName.Parse(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var own = found.Exists(f => f.Artifact == stem || (fromName is { } n && f.Artifact == n.ArtifactId && f.Version == n.Version));
        if (!own)
        {
            if (manifest?.Coordinates() is { } m)
            {
                records.Add((m.GroupId, m.ArtifactId, m.Version, "manifest"));
            }
            else if (fromName is { } f)
            {
                records.Add((null, f.ArtifactId, f.Version, "file-name"));
            }
        }

        // Jenkins plugins name their licences in the manifest; they belong to the archive's package when it is the only one.
        var manifestLicenses = records.Count == 1 && manifest is { PluginLicenses.Count: > 0 } ? manifest.PluginLicenses : null;
        foreach (var (g, a, v, evidence) in records)
        {
            var licenses = g is not null && pomLicenses.TryGetValue(g + ":" + a, out var l) ? l : manifestLicenses ?? [];
            result.AddPackage(new PackageRecord
            {
                Type = PackageTypes.Maven,
                Namespace = g,
                Name = a,
                Version = v,
                SourcePath = sourcePath,
                InnerPath = innerPath,
                Licenses = [.. licenses.Distinct().Order(StringComparer.Ordinal)],
                Metadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["sha1"] = sha1, ["evidence"] = evidence },
            });
        }
    }

    // Inflates one entry into memory, trusting neither the declared size nor the deflate stream.
    private byte[]? ReadEntry(ZipArchiveEntry entry, long cap, string where)
    {
        var declared = entry.Length;
        if (declared > cap)
        {
            Warn("jar-entry-too-large", $"{entry.FullName}: {declared} bytes exceeds the {cap}-byte limit; not read", where);
            return null;
        }

        if (_inflated + declared > limits.MaxTotalInflatedBytes)
        {
            if (!_budgetWarned)
            {
                _budgetWarned = true;
                Warn("jar-inflate-budget", $"more than {limits.MaxTotalInflatedBytes} bytes to inflate in one archive; the rest is not read", where);
            }

            return null;
        }

        // Deflate never grows data by more than a few bytes per 64 KiB block: far more compressed bytes than the declared
        // size means the entry inflates past what it claims (the reader stops at the claim; the oddity is recorded).
        if (entry.CompressedLength > declared + declared / 8192 * 5 + 1024)
        {
            Warn("jar-entry-size-mismatch", $"{entry.FullName}: {entry.CompressedLength} compressed bytes for a declared {declared}; not read", where);
            return null;
        }

        var buffer = new byte[declared];
        try
        {
            using var stream = entry.Open();
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _inflated += read;
            Span<byte> probe = stackalloc byte[1];
            if (read < declared || stream.Read(probe) != 0)
            {
                Warn("jar-entry-size-mismatch", $"{entry.FullName}: content does not match its declared size of {declared} bytes; not read", where);
                return null;
            }
        }
        catch (InvalidDataException e)
        {
            Warn("jar-entry-corrupt", $"{entry.FullName}: {e.Message}", where);
            return null;
        }

        return buffer;
    }

    // "META-INF/maven/GROUP/ARTIFACT/pom.xml" -> "GROUP:ARTIFACT".
    private static string? MavenDescriptor(string name)
    {
        const string prefix = "META-INF/maven/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = name[prefix.Length..].Split('/');
        return parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 ? parts[0] + ":" + parts[1] : null;
    }

    private static bool IsSlip(string name)
    {
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && name[1] == ':'))
        {
            return true;
        }

        foreach (var range in name.AsSpan().SplitAny('/', '\\'))
        {
            if (name.AsSpan()[range] is "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private void Warn(string code, string message, string where) => result.Warn(new Diagnostic(code, message, where));
}
