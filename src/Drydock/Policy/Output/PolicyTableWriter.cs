namespace Drydock.Policy.Output;

/// <summary>Writes the decision for a terminal: one line per rule (PASS or FAIL, the rule, the reason), the findings that
/// failed it, the exceptions applied and expired, and the overall result.</summary>
public sealed class PolicyTableWriter : IPolicyDecisionWriter
{
    /// <summary>Violations listed under a failed rule before "and N more".</summary>
    public const int ListedViolations = 10;

    public async Task WriteAsync(PolicyDecision decision, TextWriter output, CancellationToken cancellationToken)
    {
        var image = decision.Image;
        await output.WriteLineAsync($"Policy {decision.Policy} for {image.Reference}{(image.Digest is null ? "" : $" ({image.Digest})")}").ConfigureAwait(false);
        if (decision.Rules.Count == 0)
        {
            await output.WriteLineAsync("  the policy names no rule").ConfigureAwait(false);
        }

        var width = decision.Rules.Count == 0 ? 0 : decision.Rules.Max(r => r.Rule.Length);
        foreach (var rule in decision.Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync($"  {(rule.Passed ? "PASS" : "FAIL")}  {rule.Rule.PadRight(width)}  {rule.Reason}").ConfigureAwait(false);
            var indent = new string(' ', width + 10);
            foreach (var v in rule.Violations.Take(ListedViolations))
            {
                await output.WriteLineAsync($"{indent}- {v.Id}: {v.Detail}").ConfigureAwait(false);
            }

            if (rule.Violations.Count > ListedViolations)
            {
                await output.WriteLineAsync($"{indent}- and {rule.Violations.Count - ListedViolations} more (--format json lists them all)").ConfigureAwait(false);
            }

            foreach (var e in rule.Excepted)
            {
                await output.WriteLineAsync($"{indent}~ {e.Id} excepted until {e.Expires:yyyy-MM-dd}: {e.Reason}").ConfigureAwait(false);
            }
        }

        foreach (var e in decision.ExpiredExceptions)
        {
            await output.WriteLineAsync($"  expired exception (line {e.Line}): {e.Id} expired {e.Expires:yyyy-MM-dd}, not applied ({e.Reason})").ConfigureAwait(false);
        }

        var failed = decision.Rules.Count(r => !r.Passed);
        await output.WriteLineAsync(decision.Passed
            ? $"Result: PASS ({decision.Rules.Count} rule{(decision.Rules.Count == 1 ? "" : "s")} passed)"
            : $"Result: FAIL ({failed} of {decision.Rules.Count} rules failed)").ConfigureAwait(false);
    }
}
