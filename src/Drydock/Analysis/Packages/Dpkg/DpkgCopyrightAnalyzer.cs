using System.Text;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Reads licences from <c>usr/share/doc/NAME/copyright</c>: the short names of <c>License:</c> fields
/// (machine-readable DEP-5 files, and the same line in older free-form files), split at <c>or</c>, <c>and</c> and
/// commas, and every reference to <c>/usr/share/common-licenses/X</c>. Names become SPDX identifiers where known
/// (<see cref="LicenseNames"/>); free text after <c>License:</c> is not taken for a licence. Emits
/// <see cref="PackageEvidence.Licenses"/> for NAME (the doc folder, without architecture).</summary>
public sealed class DpkgCopyrightAnalyzer : IAnalyzer
{
    private const string DocDirectory = "usr/share/doc/";
    private const string CommonLicenses = "/usr/share/common-licenses/";
    private const int MaxLicenses = 256;

    public string Id => "dpkg-copyright";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
    {
        if (entry.Kind != EntryKind.File)
        {
            return AnalyzerNeed.None;
        }

        var path = entry.Path.AsSpan();
        if (path.Length <= DocDirectory.Length + "/copyright".Length || !path.StartsWith(DocDirectory, StringComparison.Ordinal)
            || !path.EndsWith("/copyright", StringComparison.Ordinal))
        {
            return AnalyzerNeed.None;
        }

        var name = path[DocDirectory.Length..^"/copyright".Length];
        return name.Length > 0 && !name.Contains('/') ? AnalyzerNeed.Content : AnalyzerNeed.None;
    }

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var licenses = Read(input.Content);
        if (licenses.Count > 0)
        {
            var package = path[DocDirectory.Length..^"/copyright".Length];
            result.AddPackageEvidence(new PackageEvidence(PackageTypes.Deb, package, PackageEvidence.Licenses, licenses, path));
        }
    }

    /// <summary>The licences of one copyright file, SPDX-normalised, distinct and sorted.</summary>
    public static List<string> Read(ReadOnlySpan<byte> content)
    {
        var licenses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in new LineEnumerator(content))
        {
            if (licenses.Count >= MaxLicenses)
            {
                break;
            }

            if (line.StartsWith("License:"u8))
            {
                AddShortNames(line["License:".Length..], licenses);
                continue;
            }

            var at = line.IndexOf("/usr/share/common-licenses/"u8);
            if (at >= 0)
            {
                var rest = line[(at + CommonLicenses.Length)..];
                var length = 0;
                while (length < rest.Length && length < 64 && (char.IsAsciiLetterOrDigit((char)rest[length]) || rest[length] is (byte)'.' or (byte)'+' or (byte)'_' or (byte)'-'))
                {
                    length++;
                }

                // "GPL-2." at a sentence end: the name ends with a letter, digit or '+'.
                while (length > 0 && rest[length - 1] is (byte)'.' or (byte)'_' or (byte)'-')
                {
                    length--;
                }

                if (length > 0)
                {
                    licenses.Add(LicenseNames.Normalize(Encoding.ASCII.GetString(rest[..length])));
                }
            }
        }

        return [.. licenses];
    }

    private static void AddShortNames(ReadOnlySpan<byte> value, SortedSet<string> licenses)
    {
        var text = Encoding.UTF8.GetString(value.Length > 1024 ? value[..1024] : value);
        var paren = text.IndexOf('(');
        if (paren >= 0)
        {
            text = text[..paren];
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var alternative in part.Split([" or ", " and ", " OR ", " AND "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = alternative;
                if (name.StartsWith("and ", StringComparison.OrdinalIgnoreCase) || name.StartsWith("or ", StringComparison.OrdinalIgnoreCase))
                {
                    name = name[(name.IndexOf(' ') + 1)..].Trim();
                }

                var exception = "";
                var with = name.IndexOf(" with ", StringComparison.OrdinalIgnoreCase);
                if (with > 0 && name.EndsWith(" exception", StringComparison.OrdinalIgnoreCase))
                {
                    var what = name[(with + " with ".Length)..^" exception".Length].Trim();
                    name = name[..with];
                    if (!LicenseNames.LooksLikeIdentifier(what))
                    {
                        continue;
                    }

                    exception = $" WITH {what}-exception";
                }

                name = name.TrimEnd('.');
                if (LicenseNames.LooksLikeIdentifier(name) && !name.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    licenses.Add(LicenseNames.Normalize(name) + exception);
                }
            }
        }
    }
}
