using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Cluster.Layers;
using Drydock.Crawl;
using Drydock.LayerCache;
using Drydock.Project;
using Drydock.Scanning;

namespace Drydock.Cluster.Hosting;

/// <summary>What a worker's grains share: the project database, the shared layer store, the analyzers and scan options.</summary>
/// <param name="WorkerName">This worker's name (recorded with its analyses and leases).</param>
/// <param name="Database">The project database (PostgreSQL).</param>
/// <param name="Layers">The fleet's shared layer store.</param>
/// <param name="AnalysisLog">Which image each layer analysis is credited to.</param>
/// <param name="Catalog">The analyzers.</param>
/// <param name="Options">Registry access, limits and layer parallelism.</param>
/// <param name="Sources">Scanners, advisory database and base catalog for the reports.</param>
/// <param name="Requests">The fleet-wide manifest-request limit and count per registry.</param>
public sealed record WorkerResources(
    string WorkerName,
    IProjectDatabase Database,
    ILayerResultStore Layers,
    LayerAnalysisLog AnalysisLog,
    AnalyzerCatalog Catalog,
    ScanOptions Options,
    AssessmentSources Sources,
    FleetRequestLimiter Requests);
