using Drydock.Sources;

namespace Drydock.Scanning;

/// <summary>Receives scan events (progress displays, logs). Calls may come from several threads.</summary>
public interface IScanObserver
{
    /// <summary>The image was opened; <paramref name="layers"/> will be updated as the scan goes on.</summary>
    void ImageOpened(IImage image, IReadOnlyList<LayerProgress> layers);

    /// <summary>A layer changed state (started, came from cache, finished, failed).</summary>
    void LayerChanged(LayerProgress layer);
}
