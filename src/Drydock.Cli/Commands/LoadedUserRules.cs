using Drydock.Analysis;
using Drydock.Reporting;

namespace Drydock.Cli.Commands;

/// <summary>The user-rule analyzers of one scan and the native and network resources behind them.</summary>
internal sealed class LoadedUserRules : IDisposable
{
    private readonly List<IAnalyzer> _analyzers = [];
    private readonly List<IDisposable> _resources = [];

    /// <summary>The analyzers to add to the catalog.</summary>
    public IReadOnlyList<IAnalyzer> Analyzers => _analyzers;

    /// <summary>Warnings for the report (compiler warnings, cache bypass).</summary>
    public List<Diagnostic> Warnings { get; } = [];

    /// <summary>Adds an analyzer.</summary>
    public void Add(IAnalyzer analyzer) => _analyzers.Add(analyzer);

    /// <summary>Takes <paramref name="resource"/> to dispose with the rest, and returns it.</summary>
    public T Own<T>(T resource)
        where T : IDisposable
    {
        _resources.Add(resource);
        return resource;
    }

    /// <summary><paramref name="report"/> with these warnings added.</summary>
    public ScanReport AddWarningsTo(ScanReport report) => Warnings.Count == 0 ? report : report with { Warnings = [.. Warnings, .. report.Warnings] };

    /// <summary>Frees compiled rules and closes daemon sessions.</summary>
    public void Dispose()
    {
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        _resources.Clear();
    }
}
