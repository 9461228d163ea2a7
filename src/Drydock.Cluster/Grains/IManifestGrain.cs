namespace Drydock.Cluster.Grains;

/// <summary>One image, keyed by its manifest digest: one activation in the cluster scans it, and a second request (a lease that expired
/// while the scan was still running) waits for the first and finds the result stored.</summary>
public interface IManifestGrain : IGrainWithStringKey
{
    /// <summary>Scans the image (<paramref name="reference"/> pins the digest) unless its result is stored, and stores the result idempotently.</summary>
    Task<ManifestOutcome> ScanAsync(string reference);
}
