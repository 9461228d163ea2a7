using Drydock.Analysis;
using Drydock.Catalog;
using Drydock.Project;
using Drydock.References;
using Drydock.Reporting;
using Drydock.Scanning;

namespace Drydock.Assessment;

/// <summary>Scans an image and assembles its full report, opening the advisory database and the base catalog for each
/// image (so concurrent assessments never share a connection).</summary>
public sealed class ImageAssessor(ImageScanner scanner, ScanOptions options, AssessmentSources sources)
{
    /// <summary>The full report of <paramref name="reference"/>.</summary>
    public async Task<ScanReport> AssessAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        var result = await scanner.ScanAsync(reference, options, null, cancellationToken).ConfigureAwait(false);
        using var store = AdvisoryDatabase.Open(null, sources.AdvisoryDatabase, sources.Scanners, out var missing);
        await using var catalog = sources.Catalog is { } location ? await ProjectDatabase.OpenAsync(location, cancellationToken).ConfigureAwait(false) : null;
        var steps = new ReportSteps
        {
            Scanners = sources.Scanners,
            Advisories = store,
            AdvisoriesMissing = missing,
            Catalog = catalog is null ? null : new SqlBaseCatalogStore(catalog),
        };
        return await ReportAssembler.AssembleAsync(result, steps, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Where an assessment's reference data lives: the scanners to run, the advisory database file (used when it
/// exists) and the project database holding the hardened base catalog (null: none).</summary>
public sealed record AssessmentSources(Scanners Scanners, string AdvisoryDatabase, ProjectDatabaseLocation? Catalog);
