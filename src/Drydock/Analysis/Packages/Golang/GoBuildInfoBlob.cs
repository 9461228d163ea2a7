namespace Drydock.Analysis.Packages.Golang;

/// <summary>The raw build information of a Go executable.</summary>
/// <param name="GoVersion">The toolchain version, e.g. <c>go1.19.8</c> or <c>go1.22.3 X:boringcrypto</c>.</param>
/// <param name="ModInfo">The module information text without its sentinels (empty for GOPATH builds).</param>
internal sealed record GoBuildInfoBlob(string GoVersion, string ModInfo);
