using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.LayerCache.Postgres;
using Drydock.Layers;
using Drydock.Project;
using Drydock.References;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.LayerCache;

public sealed class PostgresLayerResultStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Round_trips_a_layer_result_and_shares_it_between_two_opens()
    {
        var location = ProjectDatabaseLocation.Parse(await postgres.CreateDatabaseAsync());
        var tar = new TarBuilder().Directory("etc").File("etc/os-release", "ID=debian\n").Symlink("bin", "usr/bin").Whiteout("x").Build();
        var result = await Analyse.TarAsync(tar);
        var key = LayerCacheKey.For(Digest.Parse(result.DiffId), AnalyzerCatalog.Default(), InputLimits.Default);
        await using var first = await ProjectDatabase.OpenAsync(location, CancellationToken.None);
        await using var second = await ProjectDatabase.OpenAsync(location, CancellationToken.None);
        var writer = await PostgresLayerResultStore.OpenAsync(first, CancellationToken.None);
        var reader = await PostgresLayerResultStore.OpenAsync(second, CancellationToken.None);

        Assert.Null(await reader.TryGetAsync(key, CancellationToken.None));
        await writer.PutAsync(key, result, CancellationToken.None);
        await writer.PutAsync(key, result, CancellationToken.None); // idempotent
        var back = await reader.TryGetAsync(key, CancellationToken.None);

        Assert.NotNull(back);
        Assert.Equal(result.Files, back.Files);
        Assert.Equal(result.Whiteouts, back.Whiteouts);
        Assert.Equal(result.DiffId, back.DiffId);
    }

    [PostgresFact]
    public async Task Refuses_a_sqlite_project_database()
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(Path.Combine(RepoPaths.Scratch("pgstore"), "p.db")), CancellationToken.None);
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => PostgresLayerResultStore.OpenAsync(database, CancellationToken.None));
        Assert.Contains("PostgreSQL", e.Message, StringComparison.Ordinal);
    }
}
