namespace Drydock.Advisories;

/// <summary>The summaries the advisory database holds for one id (<see cref="AdvisoryStore.GetSummaries"/>): records carrying what
/// a finding reads (no dates, at most <see cref="AdvisorySummaryCodec.MaxReferences"/> references), decoded on first use. Safe for
/// concurrent readers.</summary>
public sealed class AdvisorySummaries
{
    private readonly string[] _sources;
    private readonly byte[][] _rows;
    private readonly AdvisoryRecord?[] _decoded;
    private readonly Func<FormatException, Exception> _damaged;

    // Rows in the store's order: the merged summary first when there is one (its record takes the next row's source), then
    // each source's by rank.
    internal AdvisorySummaries(string id, string[] sources, byte[][] rows, Func<FormatException, Exception> damaged)
    {
        Id = id;
        _sources = sources;
        _rows = rows;
        _decoded = new AdvisoryRecord?[rows.Length];
        _damaged = damaged;
    }

    /// <summary>The advisory id.</summary>
    public string Id { get; }

    /// <summary>The summary of every source's record merged, as <see cref="AdvisoryStore.GetAdvisory"/> merges them.</summary>
    public AdvisoryRecord Merged => Decode(0);

    /// <summary>The summary of the record <paramref name="source"/> wrote, else <see cref="Merged"/>.</summary>
    public AdvisoryRecord For(string source)
    {
        for (var index = 0; index < _sources.Length; index++)
        {
            if (_sources[index] == source)
            {
                return Decode(index);
            }
        }

        return Merged;
    }

    private AdvisoryRecord Decode(int index)
    {
        if (Volatile.Read(ref _decoded[index]) is { } known)
        {
            return known;
        }

        var source = _sources[index] == AdvisorySchema.MergedSource && index + 1 < _sources.Length ? _sources[index + 1] : _sources[index];
        try
        {
            var record = AdvisorySummaryCodec.Decode(Id, source, _rows[index]);
            return Interlocked.CompareExchange(ref _decoded[index], record, null) ?? record;
        }
        catch (FormatException e)
        {
            throw _damaged(e);
        }
    }
}
