namespace Drydock.Analysis.Packages.Golang;

/// <summary>A module line of Go build information (<c>mod</c> or <c>dep</c>), with the replacement that followed it.</summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The version as written (<c>(devel)</c> for an unversioned main module).</param>
/// <param name="Sum">The go.sum hash (<c>h1:…</c>), when recorded.</param>
/// <param name="Replace">The <c>=&gt;</c> replacement, when one was recorded.</param>
internal sealed record GoModule(string Path, string Version, string Sum, GoModule? Replace);
