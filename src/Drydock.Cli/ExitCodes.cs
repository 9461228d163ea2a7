namespace Drydock.Cli;

/// <summary>The process exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Success = 0;

    /// <summary>Findings at or over --fail-on.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
