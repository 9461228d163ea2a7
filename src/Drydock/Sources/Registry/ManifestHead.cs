using Drydock.References;

namespace Drydock.Sources.Registry;

/// <summary>What a <c>HEAD</c> of a manifest tells without its body: the digest the registry announces and the media type.</summary>
/// <param name="Digest">The manifest's digest (<c>Docker-Content-Digest</c>).</param>
/// <param name="MediaType">The manifest's media type (<c>Content-Type</c>), null when the registry sends none.</param>
public readonly record struct ManifestHead(Digest Digest, string? MediaType);
