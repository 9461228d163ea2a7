namespace Drydock.Analysis.Packages;

/// <summary>Package type identifiers, as the package-url spec names them.</summary>
public static class PackageTypes
{
    public const string Deb = "deb";
    public const string Apk = "apk";
    public const string Rpm = "rpm";
    public const string Npm = "npm";
    public const string PyPI = "pypi";
    public const string Maven = "maven";
    public const string Golang = "golang";
    public const string NuGet = "nuget";
    public const string Gem = "gem";
    public const string Composer = "composer";
    public const string Cargo = "cargo";

    /// <summary>True for packages managed by the operating system's package manager.</summary>
    public static bool IsOsPackage(string type) => type is Deb or Apk or Rpm;
}
