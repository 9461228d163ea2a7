using System.Collections.Frozen;

namespace Drydock.Analysis.Packages.Python;

/// <summary>Trove licence classifiers (<c>License :: OSI Approved :: MIT License</c>) named by an SPDX id where the
/// classifier says exactly one licence and version; other classifiers keep their own last segment.</summary>
public static class PythonLicenses
{
    private static readonly FrozenDictionary<string, string> Spdx = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MIT License"] = "MIT",
        ["MIT No Attribution License (MIT-0)"] = "MIT-0",
        ["ISC License (ISCL)"] = "ISC",
        ["Apache Software License"] = "Apache-2.0",
        ["Python Software Foundation License"] = "PSF-2.0",
        ["The Unlicense (Unlicense)"] = "Unlicense",
        ["Mozilla Public License 1.1 (MPL 1.1)"] = "MPL-1.1",
        ["Mozilla Public License 2.0 (MPL 2.0)"] = "MPL-2.0",
        ["Eclipse Public License 2.0 (EPL-2.0)"] = "EPL-2.0",
        ["GNU General Public License v2 (GPLv2)"] = "GPL-2.0-only",
        ["GNU General Public License v2 or later (GPLv2+)"] = "GPL-2.0-or-later",
        ["GNU General Public License v3 (GPLv3)"] = "GPL-3.0-only",
        ["GNU General Public License v3 or later (GPLv3+)"] = "GPL-3.0-or-later",
        ["GNU Lesser General Public License v2 (LGPLv2)"] = "LGPL-2.0-only",
        ["GNU Lesser General Public License v2 or later (LGPLv2+)"] = "LGPL-2.0-or-later",
        ["GNU Lesser General Public License v3 (LGPLv3)"] = "LGPL-3.0-only",
        ["GNU Lesser General Public License v3 or later (LGPLv3+)"] = "LGPL-3.0-or-later",
        ["GNU Affero General Public License v3"] = "AGPL-3.0-only",
        ["GNU Affero General Public License v3 or later (AGPLv3+)"] = "AGPL-3.0-or-later",
        ["Boost Software License 1.0 (BSL-1.0)"] = "BSL-1.0",
        ["zlib/libpng License"] = "Zlib",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The licence a classifier names, or null when it is not a licence classifier.</summary>
    public static string? FromClassifier(string classifier)
    {
        if (!classifier.StartsWith("License ::", StringComparison.Ordinal))
        {
            return null;
        }

        var last = classifier[(classifier.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Trim();
        return last is "" or "OSI Approved" ? null : Named(last);
    }

    /// <summary>The SPDX id for a classifier's licence name, or the name itself.</summary>
    public static string Named(string name) => Spdx.GetValueOrDefault(name, name);
}
