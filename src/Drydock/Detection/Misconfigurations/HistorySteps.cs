using Drydock.Detection.Secrets;
using Drydock.Sources.Manifests;

namespace Drydock.Detection.Misconfigurations;

/// <summary>The build steps an image's history records, with the builders' wrapping taken off
/// (<c>/bin/sh -c #(nop) </c> of the classic builder, <c># buildkit</c> of BuildKit).</summary>
public static class HistorySteps
{
    private const int MaxShown = 160;

    /// <summary>Index into the config history and the instruction text, for each step that records one.</summary>
    public static IEnumerable<(int Index, string Command)> Of(ImageConfigFile? config)
    {
        var history = config?.History ?? [];
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].CreatedBy is not { Length: > 0 } text)
            {
                continue;
            }

            var command = text.Trim();
            if (command.StartsWith("/bin/sh -c #(nop)", StringComparison.Ordinal))
            {
                command = command["/bin/sh -c #(nop)".Length..].Trim();
            }

            if (command.EndsWith("# buildkit", StringComparison.Ordinal))
            {
                command = command[..^"# buildkit".Length].Trim();
            }

            yield return (i, command);
        }
    }

    /// <summary>The steps whose instruction <paramref name="fails"/>, described as evidence; null when none does.</summary>
    public static IReadOnlyList<string>? Failing(ImageConfigFile? config, Func<string, bool> fails)
    {
        var steps = Of(config).Where(s => fails(s.Command)).Select(s => Describe(s.Index, s.Command)).ToList();
        return steps.Count > 0 ? steps : null;
    }

    /// <summary>How evidence names a step: its index and its text, secrets masked, cut to a readable length.</summary>
    public static string Describe(int index, string command)
    {
        var masked = ConfigSecrets.Mask(command);
        return $"history {index}: " + (masked.Length <= MaxShown ? masked : masked[..(MaxShown - 1)] + "…");
    }
}
