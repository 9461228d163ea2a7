namespace Drydock.Tests.Sandbox;

/// <summary>A sandbox work folder of one test's own, so that what the test asserts about runc's state, mounts and run
/// folders concerns its runs only, never those of a concurrent test run or a CI on the same machine.</summary>
internal sealed class OwnWorkDirectory : IDisposable
{
    /// <summary>The folder (created empty).</summary>
    public string Path { get; } = System.IO.Path.Join(System.IO.Path.GetTempPath(), "drydock-sandbox-test-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The runtime's state folder inside it.</summary>
    public string State => System.IO.Path.Join(Path, "state");

    /// <summary>The run folders (everything but the state folder).</summary>
    public IReadOnlyList<string> Runs() => Directory.Exists(Path)
        ? [.. Directory.GetDirectories(Path).Select(System.IO.Path.GetFileName).Where(n => n != "state").Order(StringComparer.Ordinal)!]
        : [];

    /// <summary>True when a mount point lies under the folder.</summary>
    public bool HasMounts() => File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4].StartsWith(Path + "/", StringComparison.Ordinal));

    /// <summary>The containers in the runtime's state folder.</summary>
    public IReadOnlyList<string> Containers() => Directory.Exists(State) ? [.. Directory.GetDirectories(State).Select(System.IO.Path.GetFileName)!] : [];

    public void Dispose()
    {
        if (Directory.Exists(Path) && !HasMounts())
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
