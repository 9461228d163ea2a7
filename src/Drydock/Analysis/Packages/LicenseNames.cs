using System.Collections.Frozen;

namespace Drydock.Analysis.Packages;

/// <summary>Turns the licence short names that Debian copyright files and Alpine's <c>L:</c> field use into SPDX
/// identifiers (<c>GPL-2+</c> → <c>GPL-2.0-or-later</c>, <c>Expat</c> → <c>MIT</c>); names it does not know stay as written.</summary>
public static class LicenseNames
{
    private static readonly FrozenDictionary<string, string> Known = BuildTable();

    /// <summary>The SPDX identifier for <paramref name="name"/>, or the trimmed name itself when none is known.</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        return Known.TryGetValue(trimmed, out var spdx) ? spdx : trimmed;
    }

    /// <summary>True when <paramref name="name"/> looks like a licence identifier (one word of letters, digits and
    /// <c>.+_-</c>), not a sentence that happens to follow <c>License:</c>.</summary>
    public static bool LooksLikeIdentifier(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 64 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<string, string> BuildTable()
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // The GNU family: "-N" means that version only, "+" (or "-or-later") that version or any later one.
        foreach (var (family, versions) in new[]
                 {
                     ("GPL", new[] { "1", "2", "3" }),
                     ("LGPL", new[] { "2", "2.1", "3" }),
                     ("AGPL", new[] { "3" }),
                     ("GFDL", new[] { "1.1", "1.2", "1.3" }),
                 })
        {
            foreach (var v in versions)
            {
                var full = v.Contains('.', StringComparison.Ordinal) ? v : v + ".0";
                foreach (var spelling in new[] { $"{family}-{v}", $"{family}{v}", $"{family}v{v}", $"{family}-{full}", $"{family}{full}", $"{family}v{full}" })
                {
                    table[spelling] = $"{family}-{full}-only";
                    table[spelling + "+"] = $"{family}-{full}-or-later";
                    table[spelling + "-only"] = $"{family}-{full}-only";
                    table[spelling + "-or-later"] = $"{family}-{full}-or-later";
                }
            }
        }

        // Unversioned GPL: the GPL itself says any published version may be chosen.
        table["GPL"] = "GPL-1.0-or-later";
        table["GPL+"] = "GPL-1.0-or-later";
        table["LGPL"] = "LGPL-2.0-or-later";
        table["LGPL+"] = "LGPL-2.0-or-later";

        foreach (var (name, spdx) in new[]
                 {
                     ("Apache-2", "Apache-2.0"), ("Apache-2.0", "Apache-2.0"), ("Apache2", "Apache-2.0"), ("Apache", "Apache-2.0"),
                     ("Apache-1.1", "Apache-1.1"), ("Apache-1.0", "Apache-1.0"),
                     // Debian's /usr/share/common-licenses/Artistic is Perl's Artistic Licence 1.0.
                     ("Artistic", "Artistic-1.0-Perl"), ("Artistic-1", "Artistic-1.0"), ("Artistic-1.0", "Artistic-1.0"),
                     ("Artistic-2", "Artistic-2.0"), ("Artistic-2.0", "Artistic-2.0"),
                     ("BSD-2-clause", "BSD-2-Clause"), ("BSD-3-clause", "BSD-3-Clause"), ("BSD-4-clause", "BSD-4-Clause"), ("BSD", "BSD-3-Clause"),
                     ("Expat", "MIT"), ("MIT", "MIT"), ("X11", "X11"), ("ISC", "ISC"), ("Zlib", "Zlib"), ("OpenSSL", "OpenSSL"),
                     ("MPL-1.1", "MPL-1.1"), ("MPL-2", "MPL-2.0"), ("MPL-2.0", "MPL-2.0"),
                     ("PSF-2", "PSF-2.0"), ("PSF-2.0", "PSF-2.0"), ("Python-2.0", "Python-2.0"),
                     ("CC0", "CC0-1.0"), ("CC0-1.0", "CC0-1.0"), ("BSL-1.0", "BSL-1.0"), ("Unlicense", "Unlicense"),
                     ("Ruby", "Ruby"), ("Public-Domain", "Public-Domain"),
                 })
        {
            table[name] = spdx;
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
