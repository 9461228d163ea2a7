using Drydock.Sandbox.Runtime;

namespace Drydock.Sandbox;

/// <summary>A finished run with what is still open: the network (its services hold what they saw) and the
/// bundle folder (the trace file). Dispose it once the observations are read.</summary>
public sealed class SandboxObservation(SandboxRun run, ISandboxNetwork network, string work) : IAsyncDisposable
{
    /// <summary>What the run observed.</summary>
    public SandboxRun Run { get; } = run;

    /// <summary>The network the container used.</summary>
    public ISandboxNetwork Network { get; } = network;

    /// <summary>Stops the network's services and removes the bundle folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync().ConfigureAwait(false);
        DeleteTree(work);
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
