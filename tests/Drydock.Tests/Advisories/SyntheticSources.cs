using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories;

/// <summary>A scratch folder of hand-written source files, built into a database on demand.</summary>
public sealed class SyntheticSources : IDisposable
{
    public SyntheticSources()
    {
        Directory = RepoPaths.Scratch("advisory-sources");
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The database path inside the folder's parent-free "out" subfolder.</summary>
    public string Output => Path.Combine(Directory, "out", "advisories.db");

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> under the sources folder.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, "in", name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes raw bytes.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, "in", name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Builds every written file into <see cref="Output"/>.</summary>
    public Task<AdvisoryBuildReport> BuildAsync(AdvisoryBuildOptions? options = null)
        => new AdvisoryDatabaseBuilder(options).BuildAsync([Path.Combine(Directory, "in")], Output, CancellationToken.None);

    /// <summary>Opens the built database.</summary>
    public AdvisoryStore Open() => AdvisoryStore.Open(Output);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
