using System.CommandLine;

namespace Drydock.Cli.Commands;

/// <summary>The --cache-dir option shared by the commands that use the layer cache.</summary>
public static class CacheOptions
{
    /// <summary>A fresh --cache-dir option.</summary>
    public static Option<string?> CacheDirOption() => new("--cache-dir")
    {
        Description = "Cache directory (default $XDG_CACHE_HOME/drydock, else ~/.cache/drydock)",
    };
}
