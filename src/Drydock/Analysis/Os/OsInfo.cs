namespace Drydock.Analysis.Os;

/// <summary>The operating system of an image.</summary>
/// <param name="Family">The distribution id (debian, ubuntu, alpine, redhat, centos, rocky, …).</param>
/// <param name="Version">The release version (for Debian the point release from debian_version).</param>
/// <param name="Name">The pretty name, when the release files give one.</param>
/// <param name="Source">The file the decision came from.</param>
public sealed record OsInfo(string Family, string Version, string? Name, string Source);
