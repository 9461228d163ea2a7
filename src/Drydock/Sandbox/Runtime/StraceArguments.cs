using Drydock.Sandbox.Tracing;

namespace Drydock.Sandbox.Runtime;

/// <summary>The runner's tracer: strace as <see cref="StraceInvocation"/> describes it.</summary>
public sealed class StraceArguments(StraceInvocation invocation) : ITraceArguments
{
    /// <inheritdoc/>
    public string Executable => invocation.Executable;

    /// <inheritdoc/>
    public IReadOnlyList<string> Arguments(int pid, string outputFile) => invocation.Arguments(pid, outputFile);
}
