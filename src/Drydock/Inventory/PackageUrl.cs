using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;

namespace Drydock.Inventory;

/// <summary>Builds package URLs (the purl spec: <c>pkg:type/namespace/name@version?qualifiers#subpath</c>).</summary>
public static class PackageUrl
{
    // Characters a purl component keeps as they are; everything else is percent-encoded as UTF-8.
    private static readonly SearchValues<char> Unreserved = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_~:");

    /// <summary>The purl of <paramref name="package"/>; OS packages get the distro as namespace and qualifier.</summary>
    public static string For(PackageRecord package, OsInfo? os)
    {
        string? ns = package.Namespace;
        var name = package.Name;
        var version = package.Version;

        // The qualifiers purls may carry here, in the key order the spec asks for (arch < distro < epoch < upstream).
        string? arch = null, distro = null, epoch = null, upstream = null;
        switch (package.Type)
        {
            case PackageTypes.Deb or PackageTypes.Apk or PackageTypes.Rpm:
                ns = os?.Family ?? (package.Type switch { PackageTypes.Deb => "debian", PackageTypes.Apk => "alpine", _ => null });
                arch = package.Arch is { Length: > 0 } a ? a : null;
                if (package.Epoch is { } e && e != 0)
                {
                    epoch = e.ToString(CultureInfo.InvariantCulture);
                }
                else if (package.Type == PackageTypes.Deb && version.IndexOf(':') is > 0 and var colon && int.TryParse(version.AsSpan(0, colon), out var debEpoch))
                {
                    // dpkg writes EPOCH:UPSTREAM-REVISION; purls (as Trivy's and Syft's) carry the epoch as a qualifier.
                    version = version[(colon + 1)..];
                    if (debEpoch != 0)
                    {
                        epoch = debEpoch.ToString(CultureInfo.InvariantCulture);
                    }
                }

                if (os is not null && os.Version.Length > 0)
                {
                    distro = $"{os.Family}-{DistroVersion(os)}";
                }

                if (package.SourceName is { Length: > 0 } source && source != package.Name && package.Type == PackageTypes.Deb)
                {
                    upstream = package.SourceVersion is { Length: > 0 } sv && sv != version ? $"{source}@{sv}" : source;
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

        // Built on the stack: one string allocated per purl.
        var purl = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        purl.AppendLiteral("pkg:");
        purl.AppendFormatted(package.Type);
        purl.AppendFormatted('/');
        var namespaceSegments = ns.AsSpan();
        foreach (var range in namespaceSegments.Split('/'))
        {
            var segment = namespaceSegments[range];
            if (!segment.IsEmpty)
            {
                Append(ref purl, segment);
                purl.AppendFormatted('/');
            }
        }

        Append(ref purl, name);
        if (!string.IsNullOrEmpty(version))
        {
            purl.AppendFormatted('@');
            Append(ref purl, version);
        }

        var separator = '?';
        Qualifier(ref purl, ref separator, "arch", arch);
        Qualifier(ref purl, ref separator, "distro", distro);
        Qualifier(ref purl, ref separator, "epoch", epoch);
        Qualifier(ref purl, ref separator, "upstream", upstream);
        return purl.ToStringAndClear();
    }

    /// <summary>Percent-encodes a purl component: everything but unreserved characters (and ':' as the spec allows).</summary>
    public static string Encode(string value)
    {
        if (!value.AsSpan().ContainsAnyExcept(Unreserved))
        {
            return value;
        }

        var encoded = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        Append(ref encoded, value);
        return encoded.ToStringAndClear();
    }

    private static void Qualifier(ref DefaultInterpolatedStringHandler purl, ref char separator, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        purl.AppendFormatted(separator);
        purl.AppendLiteral(key);
        purl.AppendFormatted('=');
        Append(ref purl, value);
        separator = '&';
    }

    // Appends the component percent-encoded: unreserved runs as they are, every other character as its UTF-8 bytes.
    private static void Append(ref DefaultInterpolatedStringHandler purl, ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (!value.IsEmpty)
        {
            var run = value.IndexOfAnyExcept(Unreserved);
            if (run < 0)
            {
                purl.AppendFormatted(value);
                return;
            }

            purl.AppendFormatted(value[..run]);
            value = value[run..];
            if (Rune.DecodeFromUtf16(value, out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar; // a lone surrogate: what Encoding.UTF8 makes of it
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                purl.AppendFormatted('%');
                purl.AppendFormatted(utf8[i], "X2");
            }

            value = value[consumed..];
        }
    }

    // Debian and Ubuntu are named by release (debian-12, ubuntu-22.04); others by their full version.
    private static string DistroVersion(OsInfo os) => os.Family == "debian" ? os.Version.Split('.')[0] : os.Version;
}
