using Drydock.Detection.Malware;

namespace Drydock.Detection.Secrets;

/// <summary>The secrets of an image: those the per-layer analyzer found in files (with the layer, and whether a later
/// layer deleted the file: deleting a key in a later layer does not take it out of the image) and those of the image
/// configuration.</summary>
public static class SecretDetector
{
    private static readonly string[] SeverityOrder = ["critical", "high", "medium", "low"];

    private static readonly string[] SourceOrder = ["file", "env", "label", "history"];

    /// <summary>Every secret of <paramref name="input"/>, most severe first, then by place.</summary>
    public static IReadOnlyList<ImageSecretFinding> Detect(DetectionInput input)
    {
        var history = new LayerHistory(input.Merged);
        var findings = new List<ImageSecretFinding>();
        for (var i = 0; i < input.Merged.Layers.Count; i++)
        {
            foreach (var s in input.Merged.Layers[i].Secrets)
            {
                var fate = history.Fate(s.Path, i, input.DiffIds);
                findings.Add(new ImageSecretFinding
                {
                    RuleId = s.RuleId,
                    Category = s.Category,
                    Severity = s.Severity,
                    Title = s.Title,
                    Source = "file",
                    Path = "/" + s.Path,
                    Line = s.Line,
                    Layer = input.DiffIds[i],
                    Deleted = fate.Deleted,
                    DeletedIn = fate.DeletedIn,
                    Match = s.Match,
                });
            }
        }

        findings.AddRange(ConfigSecrets.Find(input.Config, input.DiffIds));
        return [.. findings
            .OrderBy(f => Array.IndexOf(SeverityOrder, f.Severity))
            .ThenBy(f => Array.IndexOf(SourceOrder, f.Source))
            .ThenBy(f => f.Path ?? f.Location, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Layer, StringComparer.Ordinal)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)];
    }
}
