namespace Drydock.Analysis.Packages.Python;

/// <summary>The fields of a core-metadata file (METADATA, PKG-INFO) that identify a distribution.</summary>
internal sealed record PythonMetadata(string? Name, string? Version, List<string> Licenses, string? LicenseFile, string? Author, List<string> Requires)
{
    private const int MaxFields = 10_000;
    private const int MaxValue = 1024;

    /// <summary>Parses the RFC 822 style header block (continuation lines start with white space); the body after the
    /// first blank line is the description and is not read.</summary>
    public static PythonMetadata Parse(string text)
    {
        string? name = null, version = null, license = null, expression = null, licenseFile = null, author = null;
        var classifiers = new List<string>();
        var requires = new SortedSet<string>(StringComparer.Ordinal);
        string? lastKey = null;
        var fields = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            if (raw.IsWhiteSpace())
            {
                break;
            }

            if (++fields > MaxFields)
            {
                break;
            }

            if (raw[0] is ' ' or '\t')
            {
                if (lastKey == "License" && license is not null)
                {
                    license = null; // a licence text spread over lines is not a licence name: classifiers decide
                }

                continue;
            }

            var colon = raw.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var key = raw[..colon].Trim().ToString();
            var value = raw[(colon + 1)..].Trim();
            if (value.Length > MaxValue)
            {
                value = value[..MaxValue];
            }

            lastKey = key;
            switch (key.ToLowerInvariant())
            {
                case "name":
                    name ??= value.ToString();
                    break;
                case "version":
                    version ??= value.ToString();
                    break;
                case "license":
                    license = value.ToString();
                    break;
                case "license-expression":
                    expression = value.ToString();
                    break;
                case "license-file":
                    licenseFile ??= value.ToString();
                    break;
                case "author":
                    author ??= value.ToString();
                    break;
                case "classifier":
                    if (PythonLicenses.FromClassifier(value.ToString()) is { } fromClassifier && classifiers.Count < LanguageJson.MaxLicenses)
                    {
                        classifiers.Add(fromClassifier);
                    }

                    break;
                case "requires-dist":
                    var requirement = RequirementName(value);
                    if (requirement.Length > 0 && requires.Count < 4096)
                    {
                        requires.Add(Pep503.Normalize(requirement.ToString()));
                    }

                    break;
            }
        }

        // As Trivy: an SPDX expression first, then licence classifiers (precise names), then the free-text field.
        List<string> licenses = !string.IsNullOrEmpty(expression) ? [expression]
            : classifiers.Count > 0 ? [.. classifiers.Distinct(StringComparer.Ordinal)]
            : !string.IsNullOrEmpty(license) && license != "UNKNOWN" ? [PythonLicenses.Named(license)]
            : [];
        return new PythonMetadata(name, version, [.. licenses.Order(StringComparer.Ordinal)], licenseFile,
            string.IsNullOrEmpty(author) || author == "UNKNOWN" ? null : author, [.. requires]);
    }

    // "soupsieve (>1.2)", "lxml ; extra == 'lxml'", "idna<3,>=2.5" → the distribution name.
    private static ReadOnlySpan<char> RequirementName(ReadOnlySpan<char> requirement)
    {
        var end = 0;
        while (end < requirement.Length && (char.IsAsciiLetterOrDigit(requirement[end]) || requirement[end] is '-' or '_' or '.'))
        {
            end++;
        }

        return requirement[..end];
    }
}
