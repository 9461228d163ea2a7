using Drydock.Layers;
using Drydock.Sandbox.Bundle;

namespace Drydock.Sandbox;

/// <summary>How one sandbox run is set up.</summary>
public sealed record SandboxOptions
{
    /// <summary>Wall-clock limit from start; then every process of the container is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Replaces the image's Cmd (Entrypoint is kept, as <c>docker run IMAGE CMD...</c> does).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's Entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Extra environment, KEY=VALUE, overriding the image's.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>The container's network.</summary>
    public SandboxNetworkMode Network { get; init; } = SandboxNetworkMode.Sink;

    /// <summary>Files the fake HTTP server answers with: URL path → host file (everything else is 404).</summary>
    public IReadOnlyDictionary<string, string> HttpFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>The cgroup limits.</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;

    /// <summary>The user-namespace range the container's ids map to.</summary>
    public IdShift Ids { get; init; } = IdShift.Default;

    /// <summary>Trace every process with strace (the process tree, connects, file writes).</summary>
    public bool Trace { get; init; } = true;

    /// <summary>The OCI runtime executable (runc or crun).</summary>
    public string Runtime { get; init; } = "runc";

    /// <summary>Where bundles are made; a folder per run, removed afterwards.</summary>
    public string WorkDirectory { get; init; } = Path.Join(Path.GetTempPath(), "drydock-sandbox");

    /// <summary>The layer reading limits.</summary>
    public InputLimits InputLimits { get; init; } = InputLimits.Default;

    /// <summary>Most bytes the image may unpack to.</summary>
    public long MaxRootFsBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Bytes of standard output and error kept for the report.</summary>
    public int KeepOutputBytes { get; init; } = 8 * 1024;
}
