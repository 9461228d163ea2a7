using Drydock.Layers;
using Drydock.Sources;

namespace Drydock.Tests.Sources;

/// <summary>Reads a layer to its end through the real <see cref="LayerReader"/> and keeps every entry's metadata.</summary>
public static class LayerScan
{
    /// <summary>What one full read of a layer gave.</summary>
    public sealed record Result(LayerReadSummary Summary, IReadOnlyList<EntryInfo> Entries);

    /// <summary>Reads <paramref name="layer"/> completely.</summary>
    public static async Task<Result> ReadAsync(ILayer layer, string name, CancellationToken cancellationToken = default)
    {
        var reader = new LayerReader(await layer.OpenAsync(cancellationToken), layer.MediaType, layer.DiffId, InputLimits.Default, name);
        var entries = new List<EntryInfo>();
        await foreach (var entry in reader.ReadAsync(cancellationToken))
        {
            if (entry.Data is not null)
            {
                await entry.Data.CopyToAsync(Stream.Null, cancellationToken);
            }

            entries.Add(entry.Info);
        }

        return new Result(reader.Summary ?? throw new InvalidOperationException("the read did not complete"), entries);
    }
}
