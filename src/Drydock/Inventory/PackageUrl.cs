using System.Text;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;

namespace Drydock.Inventory;

/// <summary>Builds package URLs (the purl spec: <c>pkg:type/namespace/name@version?qualifiers#subpath</c>).</summary>
public static class PackageUrl
{
    /// <summary>The purl of <paramref name="package"/>; OS packages get the distro as namespace and qualifier.</summary>
    public static string For(PackageRecord package, OsInfo? os)
    {
        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? ns = package.Namespace;
        var name = package.Name;
        var version = package.Version;
        switch (package.Type)
        {
            case PackageTypes.Deb or PackageTypes.Apk or PackageTypes.Rpm:
                ns = os?.Family ?? (package.Type switch { PackageTypes.Deb => "debian", PackageTypes.Apk => "alpine", _ => null });
                if (package.Arch is { Length: > 0 } arch)
                {
                    qualifiers["arch"] = arch;
                }

                if (package.Epoch is { } epoch && epoch != 0)
                {
                    qualifiers["epoch"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (package.Type == PackageTypes.Deb && version.IndexOf(':') is > 0 and var colon && int.TryParse(version.AsSpan(0, colon), out var debEpoch))
                {
                    // dpkg writes EPOCH:UPSTREAM-REVISION; purls (as Trivy's and Syft's) carry the epoch as a qualifier.
                    version = version[(colon + 1)..];
                    if (debEpoch != 0)
                    {
                        qualifiers["epoch"] = debEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (os is not null && os.Version.Length > 0)
                {
                    qualifiers["distro"] = $"{os.Family}-{DistroVersion(os)}";
                }

                if (package.SourceName is { Length: > 0 } source && source != package.Name && package.Type == PackageTypes.Deb)
                {
                    qualifiers["upstream"] = package.SourceVersion is { Length: > 0 } sv && sv != version ? $"{source}@{sv}" : source;
                }

                break;
            case PackageTypes.PyPI:
                name = name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
                break;
            case PackageTypes.Golang:
                var slash = name.LastIndexOf('/');
                if (ns is null && slash > 0)
                {
                    ns = name[..slash];
                    name = name[(slash + 1)..];
                }

                break;
        }

        var purl = new StringBuilder("pkg:").Append(package.Type).Append('/');
        if (!string.IsNullOrEmpty(ns))
        {
            foreach (var segment in ns.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                purl.Append(Encode(segment)).Append('/');
            }
        }

        purl.Append(Encode(name));
        if (!string.IsNullOrEmpty(version))
        {
            purl.Append('@').Append(Encode(version));
        }

        if (qualifiers.Count > 0)
        {
            purl.Append('?').AppendJoin('&', qualifiers.Select(q => q.Key + "=" + Encode(q.Value)));
        }

        return purl.ToString();
    }

    // Debian and Ubuntu are named by release (debian-12, ubuntu-22.04); others by their full version.
    private static string DistroVersion(OsInfo os) => os.Family == "debian" ? os.Version.Split('.')[0] : os.Version;

    /// <summary>Percent-encodes a purl component: everything but unreserved characters (and ':' as the spec allows).</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
