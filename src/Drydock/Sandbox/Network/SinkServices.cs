namespace Drydock.Sandbox.Network;

/// <summary>What the sink's services share: the options, the collector, the resolver and the files served over HTTP.</summary>
internal sealed class SinkServices(SinkNetworkOptions options, ObservationCollector collector, DnsServer dns)
{
    public SinkNetworkOptions Options => options;

    public ObservationCollector Collector => collector;

    public DnsServer Dns => dns;

    /// <summary>The content configured for <paramref name="path"/>, or null (404) when none is, or the file cannot be read.</summary>
    public async Task<byte[]?> HttpFileAsync(string path)
    {
        if (!options.HttpFiles.TryGetValue(path, out var file))
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(file).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
