namespace Drydock.Sandbox.Runtime;

/// <summary>What a sandbox run writes into its work folder before it creates anything on the host, so that a sweep can
/// remove exactly its leftovers once the owner is gone: the container, the overlay mount, the network namespaces and the cgroup.</summary>
/// <param name="RunId">The container id (also the work folder's name).</param>
/// <param name="Owner">The process that runs it.</param>
/// <param name="Runtime">The OCI runtime executable.</param>
/// <param name="StateRoot">The runtime's state folder.</param>
/// <param name="CgroupsPath">The container's cgroup path, as the runtime spec names it.</param>
/// <param name="Namespaces">The network namespaces the run may create (<c>ip netns</c> names).</param>
public sealed record SandboxRunRecord(string RunId, ProcessIdentity Owner, string Runtime, string StateRoot, string CgroupsPath, IReadOnlyList<string> Namespaces)
{
    /// <summary>The record's file name inside the run's work folder.</summary>
    public const string FileName = "owner.json";
}
