using System.Collections.Frozen;

namespace Drydock.Sandbox.Tracing;

/// <summary>Programs that are interactive shells when given a socket as stdio.</summary>
internal static class ShellNames
{
    private static readonly FrozenSet<string> Names =
        new[] { "sh", "ash", "bash", "dash", "zsh", "ksh", "mksh", "pdksh", "csh", "tcsh", "fish", "hush", "rbash" }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string program) => Names.Contains(program.TrimStart('-'));
}
