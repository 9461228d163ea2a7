using Drydock.Reporting.Table;
using Drydock.Scanning;
using Drydock.Sources;

namespace Drydock.Cli.Console;

/// <summary>Progress as plain lines on standard error, for logs and pipes.</summary>
public sealed class PlainScanObserver(TextWriter error) : IScanObserver
{
    private readonly Lock _gate = new();
    private int _count;

    public void ImageOpened(IImage image, IReadOnlyList<LayerProgress> layers)
    {
        _count = layers.Count;
        lock (_gate)
        {
            error.WriteLine($"drydock: {image.Reference.DisplayName} ({image.Platform}, {layers.Count} layers{(image.ManifestDigest is { } d ? ", " + d : "")})");
        }
    }

    public void LayerChanged(LayerProgress layer)
    {
        var id = layer.Layer.DiffId?.ToString() ?? layer.Layer.Digest?.ToString() ?? "rootfs";
        var shortId = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..19] : id;
        var text = layer.State switch
        {
            LayerState.Reading => "reading",
            LayerState.Cached => $"from cache ({layer.Entries:N0} entries)",
            LayerState.Done => $"done: {TableReportWriter.Size(layer.BytesRead)} read, {layer.Entries:N0} entries",
            LayerState.Failed => "failed",
            _ => null,
        };
        if (text is null)
        {
            return;
        }

        lock (_gate)
        {
            error.WriteLine($"drydock: layer {layer.Layer.Index + 1}/{_count} {shortId} {text}");
        }
    }
}
