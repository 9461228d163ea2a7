using System.CommandLine;
using Drydock.Catalog;
using Drydock.Policy;
using Drydock.Project;
using Drydock.Reporting;
using Drydock.Reporting.Base;

namespace Drydock.Cli.Commands;

/// <summary>The scan's base detection: <c>--db</c> and <c>--ignore-base</c>, one catalog query, the report's <c>base</c> section.</summary>
public sealed class ScanBaseStep
{
    private readonly Option<string?> _db = ProjectDatabaseOption.Create();
    private readonly Option<bool> _ignoreBase = new("--ignore-base") { Description = "Hide findings that come from the hardened base's layers (the report says how many)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_db);
        command.Options.Add(_ignoreBase);
    }

    /// <summary>Detects the base and applies it to the finished report. Without <c>--db</c> or $DRYDOCK_DB the default
    /// database is read only when it exists: a scan never creates one. With <paramref name="noteMissingCatalog"/> (a policy
    /// gate), a missing or empty catalog is recorded as the warning <c>no-base-catalog</c>, so the base rule can say so.</summary>
    public async Task<ScanReport> ApplyAsync(ParseResult parse, ScanReport report, bool noteMissingCatalog, CancellationToken cancellationToken)
    {
        var annotation = BaseAnnotation.From(report.Artifact.Annotations, report.Artifact.Config.Labels);
        var location = ProjectDatabaseOption.Resolve(parse.GetValue(_db), out var chosen);
        BaseDetection detection;
        var noCatalog = false;
        if (!chosen && location.Kind == ProjectDatabaseKind.Sqlite && !File.Exists(location.Target))
        {
            noCatalog = true;
            detection = new BaseDetection
            {
                Annotation = annotation,
                AnnotationNote = annotation is null ? null : "there is no hardened base catalog to check it against (see 'drydock base add')",
            };
        }
        else
        {
            await using var database = await ProjectDatabase.OpenAsync(location, cancellationToken).ConfigureAwait(false);
            var diffIds = report.Artifact.Layers.Select(l => l.DiffId ?? string.Empty).ToList();
            var store = new SqlBaseCatalogStore(database);
            detection = await new BaseDetector(store).DetectAsync(diffIds, annotation, cancellationToken).ConfigureAwait(false);
            noCatalog = noteMissingCatalog && detection.Image is null && (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0;
        }

        report = BaseReportBuilder.Add(report, detection, parse.GetValue(_ignoreBase));
        return noteMissingCatalog && noCatalog
            ? report with { Warnings = [.. report.Warnings, new Diagnostic(PolicySubjectMapper.NoCatalogWarning, $"no hardened base catalog in {location.Display}: base detection had nothing to compare with (see 'drydock base add')")] }
            : report;
    }
}
