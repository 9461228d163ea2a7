namespace Drydock.Analysis.Packages.Apk;

/// <summary>Splits Alpine's <c>L:</c> field into licence identifiers: older packages list names separated by spaces
/// (<c>MIT BSD GPL2+</c>), newer ones write SPDX expressions (<c>(Apache-2.0 OR MIT) AND MPL-2.0</c>); operators and
/// parentheses are dropped, <c>X WITH Y</c> stays together, and each name is normalised to SPDX.</summary>
public static class ApkLicenses
{
    /// <summary>The licences in <paramref name="field"/>, distinct and sorted.</summary>
    public static List<string> Parse(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var tokens = field.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal)
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var licenses = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length && licenses.Count < 256; i++)
        {
            var token = tokens[i];
            if (token.Equals("AND", StringComparison.OrdinalIgnoreCase) || token.Equals("OR", StringComparison.OrdinalIgnoreCase) || token.Equals("WITH", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = LicenseNames.Normalize(token);
            if (i + 2 < tokens.Length && tokens[i + 1].Equals("WITH", StringComparison.OrdinalIgnoreCase))
            {
                name += " WITH " + tokens[i + 2];
                i += 2;
            }

            licenses.Add(name);
        }

        return [.. licenses];
    }
}
