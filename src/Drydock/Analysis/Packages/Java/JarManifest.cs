namespace Drydock.Analysis.Packages.Java;

/// <summary>The main section of a JAR manifest (META-INF/MANIFEST.MF): attributes up to the first blank line, with
/// continuation lines (a leading space) unfolded. Later sections describe entries, not the archive.</summary>
internal sealed class JarManifest
{
    private const int MaxAttributes = 4096;

    private readonly Dictionary<string, string> _attributes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _pluginLicenses = [];

    /// <summary>Parses manifest text (CRLF, LF or CR line ends).</summary>
    public static JarManifest Parse(string text)
    {
        var m = new JarManifest();
        var current = new System.Text.StringBuilder();
        var i = 0;
        while (i <= text.Length)
        {
            var end = text.AsSpan(i).IndexOfAny('\r', '\n');
            var line = end < 0 ? text.AsSpan(i) : text.AsSpan(i, end);
            i = end < 0 ? text.Length + 1 : i + end + (text[i + end] == '\r' && i + end + 1 < text.Length && text[i + end + 1] == '\n' ? 2 : 1);
            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] == ' ')
            {
                current.Append(line[1..]);
                continue;
            }

            m.Add(current.ToString());
            current.Clear().Append(line);
        }

        m.Add(current.ToString());
        return m;
    }

    /// <summary>Licence names from Jenkins' Plugin-License-Name and Plugin-License-Name-N attributes, in order.</summary>
    public IReadOnlyList<string> PluginLicenses => _pluginLicenses;

    /// <summary>An attribute value, trimmed, or null.</summary>
    public string? this[string name] => _attributes.TryGetValue(name, out var v) ? v : null;

    /// <summary>Group, artifact and version by Trivy's order of preference, or null when any of the three is missing.</summary>
    public (string GroupId, string ArtifactId, string Version)? Coordinates()
    {
        var group = this["Implementation-Vendor-Id"] ?? BundleGroup() ?? this["Implementation-Vendor"] ?? this["Specification-Vendor"];
        var artifact = this["Implementation-Title"] ?? this["Specification-Title"] ?? this["Bundle-Name"];
        var version = this["Implementation-Version"] ?? this["Specification-Version"] ?? this["Bundle-Version"];
        return group is null || artifact is null || version is null ? null : (group, artifact, version);
    }

    // "com.fasterxml.jackson.core.jackson-databind;singleton:=true" -> "com.fasterxml.jackson.core".
    private string? BundleGroup()
    {
        var name = this["Bundle-SymbolicName"];
        if (name is null)
        {
            return null;
        }

        var semicolon = name.IndexOf(';');
        if (semicolon >= 0)
        {
            name = name[..semicolon].Trim();
        }

        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name.Length > 0 ? name : null;
    }

    private void Add(string attribute)
    {
        var colon = attribute.IndexOf(':');
        if (colon <= 0 || _attributes.Count >= MaxAttributes)
        {
            return;
        }

        var name = attribute[..colon].Trim();
        var value = attribute[(colon + 1)..].Trim();

        // Unresolved localisation variables ("Bundle-Name: %bundleName") are not names.
        if (value.Length == 0 || value[0] == '%')
        {
            return;
        }

        if (name.Equals("Plugin-License-Name", StringComparison.Ordinal) || name.StartsWith("Plugin-License-Name-", StringComparison.Ordinal))
        {
            _pluginLicenses.Add(value);
        }

        _attributes.TryAdd(name, value);
    }
}
