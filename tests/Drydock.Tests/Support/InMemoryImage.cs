using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;

namespace Drydock.Tests.Support;

/// <summary>A synthetic image made of gzip layers held in memory (compare go-containerregistry's random.Image),
/// for tests of the pipeline that do not concern a particular backend.</summary>
public sealed class InMemoryImage : IImage, IImageSource
{
    public InMemoryImage(params byte[][] tarLayers)
    {
        var layers = new List<ILayer>();
        var diffIds = new List<string>();
        for (var i = 0; i < tarLayers.Length; i++)
        {
            var tar = tarLayers[i];
            var gz = new TarBuilderGzip(tar).Bytes;
            var diffId = Digest.Sha256Of(tar);
            diffIds.Add(diffId.ToString());
            layers.Add(new MemoryLayer(i, gz, Digest.Sha256Of(gz), diffId));
        }

        Layers = layers;
        Config = new ImageConfigFile
        {
            Os = "linux",
            Architecture = "amd64",
            RootFs = new RootFsSection { Type = "layers", DiffIds = diffIds },
            History = [.. tarLayers.Select((_, i) => new HistoryEntry { CreatedBy = $"step {i}" })],
        };
    }

    public ImageTransport Transport => ImageTransport.OciLayout;
    public ImageReference Reference { get; } = ImageReference.ForLocal(ImageTransport.OciLayout, "/in-memory", "test");
    public Digest? ManifestDigest => null;
    public Digest? ConfigDigest => null;
    public string? ManifestMediaType => MediaTypes.OciManifest;
    public Platform Platform => Platform.LinuxAmd64;
    public ImageConfigFile Config { get; private init; }

    /// <summary>The runtime configuration (Entrypoint, Cmd, Env, …) the image config carries.</summary>
    public ContainerConfig? Runtime
    {
        get => Config.Config;
        init => Config = Config with { Config = value };
    }

    /// <summary>Replaces the history (one "step N" entry per layer by default).</summary>
    public List<HistoryEntry>? History
    {
        get => Config.History;
        init => Config = Config with { History = value };
    }
    public IReadOnlyDictionary<string, string> Annotations { get; } = new Dictionary<string, string>();
    public IReadOnlyList<ILayer> Layers { get; }

    /// <summary>How many times any layer blob was opened.</summary>
    public int Opens => Layers.Cast<MemoryLayer>().Sum(l => l.Opens);

    public Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken) => Task.FromResult<IImage>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class MemoryLayer(int index, byte[] blob, Digest digest, Digest diffId) : ILayer
    {
        private int _opens;

        public int Opens => _opens;
        public int Index { get; } = index;
        public Digest? Digest { get; } = digest;
        public Digest? DiffId { get; } = diffId;
        public long Size => blob.Length;
        public string MediaType => MediaTypes.OciLayerGzip;

        public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opens);
            return ValueTask.FromResult<Stream>(new VerifyingStream(new MemoryStream(blob), digest, blob.Length, $"layer {Index}"));
        }
    }

    private sealed class TarBuilderGzip(byte[] tar)
    {
        public byte[] Bytes
        {
            get
            {
                using var buffer = new MemoryStream();
                using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(tar);
                }

                return buffer.ToArray();
            }
        }
    }
}
