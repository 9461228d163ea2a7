namespace Drydock.Sandbox.Runtime;

/// <summary>How to start the tracer attached to a process.</summary>
public interface ITraceArguments
{
    /// <summary>The tracer executable.</summary>
    string Executable { get; }

    /// <summary>The arguments that attach to <paramref name="pid"/> and its future children, writing to <paramref name="outputFile"/>.</summary>
    IReadOnlyList<string> Arguments(int pid, string outputFile);
}
