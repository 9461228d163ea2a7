using System.Security.Cryptography;
using Drydock.Analysis;

namespace Drydock.Tests.Analysis;

/// <summary>The per-entry SHA-256 that every analyzer shares: computed on demand or started early on the thread pool,
/// it is the file's SHA-256 either way, and pointing it at the next file forgets the last one.</summary>
public sealed class ContentDigestTests
{
    [Fact]
    public void On_demand_and_early_hashes_are_the_content_sha256_and_reset_forgets_the_previous_file()
    {
        var buffer = new byte[LayerAnalysisRunner.EarlyDigestBytes + 17];
        Random.Shared.NextBytes(buffer);
        var digest = new ContentDigest();

        digest.Reset(buffer, buffer.Length);
        digest.Start();
        Assert.True(digest.Started);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(buffer)), digest.Sha256Hex);

        digest.Reset(buffer, 100);
        Assert.False(digest.Started);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, 100))), digest.Sha256Hex);
        Assert.Equal(SHA256.HashData(buffer.AsSpan(0, 100)), digest.Sha256.ToArray());

        // Started and never asked for: the next file's reset waits for it, and its digest is its own.
        digest.Reset(buffer, buffer.Length);
        digest.Start();
        digest.Reset(buffer, 0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), digest.Sha256Hex);
    }
}
