namespace Drydock.Analysis.Os;

/// <summary>A release file found in a layer (os-release, alpine-release, debian_version, redhat-release, …)
/// with its parsed fields; the OS is decided after merging, from the files still present.</summary>
/// <param name="Path">The normalised path of the file.</param>
/// <param name="Fields">For os-release style files their KEY=value pairs; for one-line files the key <c>TEXT</c>.</param>
public sealed record OsReleaseFile(string Path, SortedDictionary<string, string> Fields);
