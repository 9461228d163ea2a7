namespace Drydock.Policy.Output;

/// <summary>Writes a policy decision in one format.</summary>
public interface IPolicyDecisionWriter
{
    /// <summary>Writes <paramref name="decision"/> to <paramref name="output"/>.</summary>
    Task WriteAsync(PolicyDecision decision, TextWriter output, CancellationToken cancellationToken);
}
