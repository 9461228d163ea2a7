namespace Drydock.Cli;

/// <summary>Where Drydock keeps its caches by default: $XDG_CACHE_HOME/drydock, else ~/.cache/drydock.</summary>
public static class CachePaths
{
    /// <summary>The default cache directory.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "drydock");
    }
}
