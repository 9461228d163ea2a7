namespace Drydock.Sandbox.Bundle;

/// <summary>The user-namespace mapping: container ids 0..Size-1 are host ids HostId..HostId+Size-1.</summary>
/// <param name="HostId">The first host uid and gid of the range.</param>
/// <param name="Size">How many ids the range maps.</param>
public readonly record struct IdShift(int HostId, int Size)
{
    /// <summary>The range the sandbox uses unless told otherwise: far above any login user.</summary>
    public static IdShift Default { get; } = new(1_000_000_000, 65536);

    /// <summary>The host id of a container id; ids outside the range become the range's "nobody" (65534).</summary>
    public int ToHost(int containerId) => HostId + (containerId >= 0 && containerId < Size ? containerId : Math.Min(65534, Size - 1));
}
