namespace Drydock.Tests.Fixtures;

/// <summary>Locates the repository root, its scripts and the shared test data beside it.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Drydock.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared test data (../shared/testdata beside the project root), or null when absent.</summary>
    public static string? SharedTestData
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "testdata"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>A scratch folder under the repository's ignored .testdata folder.</summary>
    public static string Scratch(string name)
    {
        var path = Path.Combine(Root, ".testdata", "scratch", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Drydock.slnx)");
    }
}
