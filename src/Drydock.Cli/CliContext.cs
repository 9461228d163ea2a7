namespace Drydock.Cli;

/// <summary>The process's standard streams and whether they are terminals (tests pass their own).</summary>
public sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The real console.</summary>
    public static CliContext FromConsole() => new(
        System.Console.In,
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected,
        !System.Console.IsErrorRedirected);
}
