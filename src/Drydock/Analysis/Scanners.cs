namespace Drydock.Analysis;

/// <summary>The scanners a scan runs (<c>--scanners vuln,malware,secret,misconfig</c>); the inventory always runs.</summary>
[Flags]
public enum Scanners
{
    None = 0,
    Vulnerabilities = 1,
    Malware = 2,
    Secrets = 4,
    Misconfigurations = 8,
    All = Vulnerabilities | Malware | Secrets | Misconfigurations,
}

/// <summary>Parses and prints <see cref="Scanners"/> as the command line spells them.</summary>
public static class ScannerNames
{
    private static readonly (string Name, Scanners Value)[] Names =
        [("vuln", Scanners.Vulnerabilities), ("malware", Scanners.Malware), ("secret", Scanners.Secrets), ("misconfig", Scanners.Misconfigurations)];

    /// <summary>The accepted names, in order.</summary>
    public static IEnumerable<string> All => Names.Select(n => n.Name);

    /// <summary>Parses a comma-separated list; throws <see cref="FormatException"/> naming an unknown scanner.</summary>
    public static Scanners Parse(string text)
    {
        var result = Scanners.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lower = part.ToLowerInvariant();
            var match = Names.FirstOrDefault(n => n.Name == lower || n.Name + "s" == lower);
            if (match.Name is null)
            {
                throw new FormatException($"unknown scanner '{part}' (use {string.Join(", ", All)})");
            }

            result |= match.Value;
        }

        return result;
    }

    /// <summary>The comma-separated names of <paramref name="scanners"/>.</summary>
    public static string Format(Scanners scanners) => string.Join(',', Names.Where(n => scanners.HasFlag(n.Value)).Select(n => n.Name));
}
