namespace Drydock.Advisories.Cvss;

/// <summary>
/// The metrics one CVSS version allows in a vector body (the part after any prefix), read strictly:
/// every mandatory metric exactly once, optional metrics at most once, known names and values only (case-sensitive),
/// and, where the specification fixes it, the order of its vector-string table.
/// </summary>
internal sealed class CvssGrammar
{
    private readonly Dictionary<string, (int Index, CvssMetric Metric)> _byName;
    private readonly CvssMetric[] _metrics;
    private readonly bool _fixedOrder;

    public CvssGrammar(bool fixedOrder, params CvssMetric[] metrics)
    {
        _metrics = metrics;
        _fixedOrder = fixedOrder;
        _byName = new Dictionary<string, (int, CvssMetric)>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Length; i++)
        {
            _byName.Add(metrics[i].Name, (i, metrics[i]));
        }
    }

    /// <summary>Reads <c>NAME:VALUE/NAME:VALUE...</c>; null when the body breaks any rule.</summary>
    public Dictionary<string, string>? Read(string body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastIndex = -1;
        foreach (var part in body.Split('/'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                return null;
            }

            var name = part[..colon];
            var value = part[(colon + 1)..];
            if (!_byName.TryGetValue(name, out var entry) || Array.IndexOf(entry.Metric.Values, value) < 0)
            {
                return null;
            }

            if (_fixedOrder && entry.Index <= lastIndex)
            {
                return null;
            }

            lastIndex = entry.Index;
            if (!values.TryAdd(name, value))
            {
                return null;
            }
        }

        foreach (var metric in _metrics)
        {
            if (metric.Mandatory && !values.ContainsKey(metric.Name))
            {
                return null;
            }
        }

        return values;
    }
}
