using System.Runtime.InteropServices;
using CpuArchitecture = System.Runtime.InteropServices.Architecture;

namespace Drydock.References;

/// <summary>An image platform: operating system, architecture and optional variant (OCI naming).</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>linux/amd64.</summary>
    public static Platform LinuxAmd64 { get; } = new("linux", "amd64");

    /// <summary>The platform of the machine running Drydock, in OCI naming.</summary>
    public static Platform Host { get; } = new("linux", RuntimeInformation.OSArchitecture switch
    {
        CpuArchitecture.X64 => "amd64",
        CpuArchitecture.Arm64 => "arm64",
        CpuArchitecture.Arm => "arm",
        CpuArchitecture.X86 => "386",
        CpuArchitecture.S390x => "s390x",
        CpuArchitecture.Ppc64le => "ppc64le",
        _ => "amd64",
    }, RuntimeInformation.OSArchitecture == CpuArchitecture.Arm64 ? "v8" : null);

    /// <summary>Parses <c>os/arch[/variant]</c>.</summary>
    public static Platform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new FormatException($"'{text}' is not a platform (expected os/arch[/variant], for example linux/amd64)");
        }

        return new Platform(parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), parts.Length == 3 ? parts[2].ToLowerInvariant() : null);
    }

    /// <summary>True when <paramref name="candidate"/> satisfies this requested platform (a missing variant matches any).</summary>
    public bool Matches(Platform candidate)
    {
        if (!string.Equals(Os, candidate.Os, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Architecture, candidate.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Variant is null)
        {
            return true;
        }

        // arm64 images usually omit the v8 variant.
        var other = candidate.Variant ?? (candidate.Architecture == "arm64" ? "v8" : null);
        return string.Equals(Variant, other, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
