namespace Drydock.Sandbox.Bundle;

/// <summary>Everything the OCI runtime spec (<c>config.json</c>) of one sandbox run says.</summary>
/// <param name="Process">The program, user and environment.</param>
/// <param name="Ids">The user-namespace mapping.</param>
/// <param name="Limits">The cgroup limits.</param>
/// <param name="CgroupsPath">The container's cgroup, relative to each controller's root.</param>
/// <param name="NetworkNamespacePath">A namespace to join, or null for a new one holding only loopback.</param>
/// <param name="ReadOnlyFiles">Host files bind-mounted read-only into the container: container path → host path.</param>
public sealed record RuntimeSpec(
    ProcessSpec Process,
    IdShift Ids,
    ResourceLimits Limits,
    string CgroupsPath,
    string? NetworkNamespacePath,
    IReadOnlyDictionary<string, string> ReadOnlyFiles);
