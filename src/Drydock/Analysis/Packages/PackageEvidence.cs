namespace Drydock.Analysis.Packages;

/// <summary>A fact about a package read from a file other than its database entry: the installed-file list of a
/// dpkg package (<c>info/NAME.list</c>), its licences (<c>usr/share/doc/NAME/copyright</c>). Joined to the
/// surviving packages after merging, and only when the evidence file itself survives.</summary>
/// <param name="Type">The package type.</param>
/// <param name="Name">The package name (for dpkg possibly with <c>:arch</c>).</param>
/// <param name="Kind">What the values are: <see cref="Files"/>, <see cref="Licenses"/> or <see cref="FileDigests"/>.</param>
/// <param name="Values">The values, sorted.</param>
/// <param name="SourcePath">The file they were read from.</param>
public sealed record PackageEvidence(string Type, string Name, string Kind, List<string> Values, string SourcePath)
{
    public const string Files = "files";
    public const string Licenses = "licenses";

    /// <summary>File digests (dpkg <c>info/NAME.md5sums</c>): each value is <c>path ALGORITHM:hex</c>
    /// (<see cref="FileDigest.Entry"/>). Read by the SBOM writers, not joined into the package record.</summary>
    public const string FileDigests = "file-digests";
}
