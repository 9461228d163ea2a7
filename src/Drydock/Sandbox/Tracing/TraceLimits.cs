namespace Drydock.Sandbox.Tracing;

/// <summary>Bounds on what a trace may cost: a hostile image can exec a million arguments or fork without end.</summary>
public sealed record TraceLimits
{
    /// <summary>Characters of one strace line kept (the rest is skipped; the line's last characters still give its result).</summary>
    public int MaxLineChars { get; init; } = 1 << 20;

    /// <summary>argv elements kept per exec.</summary>
    public int MaxArgs { get; init; } = 256;

    /// <summary>Bytes kept per string (argv element, path).</summary>
    public int MaxStringBytes { get; init; } = 4096;

    /// <summary>Processes kept; events of later ones are dropped and counted.</summary>
    public int MaxProcesses { get; init; } = 5000;

    /// <summary>exec attempts kept per process.</summary>
    public int MaxExecsPerProcess { get; init; } = 16;

    /// <summary>File operations kept.</summary>
    public int MaxFileOperations { get; init; } = 20_000;

    /// <summary>Socket calls kept.</summary>
    public int MaxConnects { get; init; } = 5000;

    /// <summary>Events held for threads seen before their creator's clone returned.</summary>
    public int MaxPendingEvents { get; init; } = 10_000;

    /// <summary>The defaults.</summary>
    public static TraceLimits Default { get; } = new();
}
