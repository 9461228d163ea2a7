using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Cluster.Frontier;
using Drydock.Cluster.Layers;
using Drydock.Crawl;
using Drydock.LayerCache.Postgres;
using Drydock.Project;
using Drydock.Scanning;
using Drydock.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Drydock.Cluster.Hosting;

/// <summary>Builds and runs one worker: an Orleans silo whose membership and reminders live in the project database on PostgreSQL
/// (ADO.NET providers, schema applied at start-up), the layer and manifest grains, and the frontier pump. SIGTERM (or Ctrl-C) stops the
/// host gracefully: the pump stops taking items, the silo leaves the cluster and its grains deactivate.</summary>
public static class WorkerHost
{
    /// <summary>Runs the worker until it is stopped.</summary>
    public static async Task RunAsync(WorkerSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Database.Kind != ProjectDatabaseKind.Postgres)
        {
            throw new DrydockInputException("the worker needs a PostgreSQL project database (--db postgres://user:pass@host:port/dbname)");
        }

        await using var database = await ProjectDatabase.OpenAsync(settings.Database, cancellationToken).ConfigureAwait(false);
        await ClusterSchema.ApplyAsync(database, cancellationToken).ConfigureAwait(false);
        var layers = await PostgresLayerResultStore.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        var resources = new WorkerResources(
            settings.Name,
            database,
            layers,
            new LayerAnalysisLog(database),
            AnalyzerCatalog.For(settings.Scanners),
            new ScanOptions { Source = new SourceOptions { InsecureRegistries = settings.InsecureRegistries } },
            new AssessmentSources(settings.Scanners, settings.AdvisoryDatabase, null), // as drydock crawl: no base catalog
            new FleetRequestLimiter(database, settings.Rate));

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Drydock", LogLevel.Information);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(resources);
        builder.Services.AddSingleton<SharedLayerAnalyser>();
        builder.Services.AddSingleton<ClusterImageScanner>();
        var connectionString = settings.Database.Target;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = "drydock";
            });
            silo.Configure<SiloOptions>(o => o.SiloName = settings.Name);
            silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // A layer analysis or an image scan can take minutes: calls wait that long before timing out.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
            if (settings.FastFailureDetection)
            {
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 3;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                });
            }
        });

        // After the silo: hosted services start in order, and the pump calls grains.
        builder.Services.AddHostedService<FrontierPump>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
