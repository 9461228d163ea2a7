using Drydock.Sandbox.Runtime;

namespace Drydock.Sandbox;

/// <summary>A finished run with what is still open: the network (its services hold what they saw) and the
/// bundle folder (the trace file, the writable layer). Dispose it once the observations are read.</summary>
/// <param name="run">What the run observed.</param>
/// <param name="network">The network the container used.</param>
/// <param name="work">The bundle folder.</param>
/// <param name="initPid">The host pid of the container's first process (the trace's root).</param>
/// <param name="workingDirectory">That process's working directory inside the container.</param>
/// <param name="initThreads">The runtime's other threads in that process when the tracer attached (they end at exec).</param>
/// <param name="claim">The lock on the run's record, released once the folder is gone (a sweep leaves the run alone until then).</param>
public sealed class SandboxObservation(SandboxRun run, ISandboxNetwork network, string work, int initPid, string workingDirectory,
    IReadOnlyCollection<int> initThreads, IDisposable? claim = null) : IAsyncDisposable
{
    /// <summary>The runtime's other threads in the first process when the tracer attached.</summary>
    public IReadOnlyCollection<int> InitThreads { get; } = initThreads;

    /// <summary>The host pid of the container's first process.</summary>
    public int InitPid { get; } = initPid;

    /// <summary>The first process's working directory inside the container.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>The overlay's writable layer: every file the run created or changed (whiteouts for deletions).</summary>
    public string UpperDirectory { get; } = Path.Join(work, "upper");

    /// <summary>What the run observed.</summary>
    public SandboxRun Run { get; } = run;

    /// <summary>The network the container used.</summary>
    public ISandboxNetwork Network { get; } = network;

    /// <summary>Stops the network's services and removes the bundle folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync().ConfigureAwait(false);
        DeleteTree(work);
        claim?.Dispose();
    }

    /// <summary>Deletes a folder tree without following links; what cannot be deleted is left (and says so nowhere).</summary>
    internal static void DeleteTree(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
