using Drydock.References;

namespace Drydock;

/// <summary>Content whose digest or size differs from what its descriptor promised.</summary>
public sealed class DigestMismatchException(string what, Digest expected, string actual)
    : DrydockInputException($"{what}: digest mismatch, expected {expected} but content hashes to {actual}")
{
    /// <summary>The digest the descriptor promised.</summary>
    public Digest Expected { get; } = expected;
}
