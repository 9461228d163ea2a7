using System.Text;
using Drydock.Analysis.Secrets;
using Drydock.Sources.Manifests;

namespace Drydock.Detection.Secrets;

/// <summary>Secrets in the image configuration: environment variables, labels and the build history (where
/// <c>ENV</c> values and the build arguments of <c>RUN</c> steps are recorded). Every file rule applies, plus
/// <see cref="SecretRules.SecretAssignment"/> for values given to secret-named variables that no file rule claims.</summary>
public static class ConfigSecrets
{
    private const int MaxPerEntry = 20;

    private static readonly SecretScanner Assignments = new([SecretRules.SecretAssignment]);

    /// <summary>The secrets of <paramref name="config"/>; <paramref name="diffIds"/> names the layers that history steps built.</summary>
    public static IEnumerable<ImageSecretFinding> Find(ImageConfigFile? config, IReadOnlyList<string> diffIds)
    {
        var container = config?.Config;
        foreach (var env in container?.Env ?? [])
        {
            var name = env.Split('=', 2)[0];
            foreach (var f in Scan(env, "env", $"Env {name}", null))
            {
                yield return f;
            }
        }

        foreach (var (key, value) in (container?.Labels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var f in Scan(key + "=" + value, "label", $"Label {key}", null))
            {
                yield return f;
            }
        }

        var layer = 0;
        var history = config?.History ?? [];
        for (var i = 0; i < history.Count; i++)
        {
            var built = history[i].EmptyLayer ? null : layer < diffIds.Count ? diffIds[layer] : null;
            if (!history[i].EmptyLayer)
            {
                layer++;
            }

            if (history[i].CreatedBy is { Length: > 0 } createdBy)
            {
                foreach (var f in Scan(createdBy, "history", $"history {i}", built))
                {
                    yield return f;
                }
            }
        }
    }

    /// <summary><paramref name="text"/> with every secret in it masked (the text itself when it holds none).</summary>
    public static string Mask(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var matches = Matches(bytes, int.MaxValue);
        return matches.Count == 0 ? text : SecretMasker.MaskAll(bytes, matches);
    }

    /// <summary>The value of label <paramref name="key"/> with its secrets masked, judged together with its key.</summary>
    public static string MaskLabel(string key, string value)
    {
        var prefix = key + "=";
        var masked = Mask(prefix + value);
        return masked.StartsWith(prefix, StringComparison.Ordinal) ? masked[prefix.Length..] : SecretMasker.Mask;
    }

    // The file rules first, so that API_TOKEN=ghp_... is reported as a GitHub token; then secret-named assignments
    // whose value no file rule claimed.
    private static List<SecretMatch> Matches(byte[] bytes, int limit)
    {
        var matches = new List<SecretMatch>();
        SecretScanner.Default.Scan(bytes, matches, limit);
        var assignments = new List<SecretMatch>();
        Assignments.Scan(bytes, assignments, limit);
        matches.AddRange(assignments.Where(a => !matches.Any(m => m.SecretStart < a.SecretEnd && a.SecretStart < m.SecretEnd)));
        matches.Sort((a, b) => a.SecretStart.CompareTo(b.SecretStart));
        return matches;
    }

    private static IEnumerable<ImageSecretFinding> Scan(string text, string source, string location, string? layer)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var matches = Matches(bytes, MaxPerEntry);
        var masked = matches.Count == 0 ? null : SecretMasker.MaskAll(bytes, matches);
        return matches.Select(m => new ImageSecretFinding
        {
            RuleId = m.Rule.Id,
            Category = m.Rule.Category,
            Severity = m.Rule.Severity,
            Title = m.Rule.Title,
            Source = source,
            Location = location,
            Layer = layer,
            Match = masked!.Length <= 240 ? masked : masked[..239] + "…",
        });
    }
}
