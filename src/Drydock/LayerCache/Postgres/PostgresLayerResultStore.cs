using Drydock.Analysis;
using Drydock.Project;

namespace Drydock.LayerCache.Postgres;

/// <summary>Layer results in the project database on PostgreSQL, so that every machine of a fleet shares one cache: a
/// layer analysed by one worker is reused by all. The table is created on first use (idempotently, under the migration
/// lock's advisory key) rather than by a project migration, since only fleets need it.</summary>
public sealed class PostgresLayerResultStore : ILayerResultStore
{
    private readonly IProjectDatabase _database;

    private PostgresLayerResultStore(IProjectDatabase database)
    {
        _database = database;
    }

    /// <summary>Opens the store on <paramref name="database"/> (which must be PostgreSQL), creating its table when needed.</summary>
    public static async Task<PostgresLayerResultStore> OpenAsync(IProjectDatabase database, CancellationToken cancellationToken)
    {
        if (database.Kind != ProjectDatabaseKind.Postgres)
        {
            throw new DrydockInputException($"the shared layer store needs a PostgreSQL project database, not {database.Display}");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = SqlCommands.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            SqlCommands.Parameter(lockCommand, "@key", Project.Postgres.PostgresProjectDatabase.MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await SqlCommands.ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS layer_results (
                cache_key TEXT PRIMARY KEY,
                diff_id TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                data BYTEA NOT NULL)
            """, cancellationToken).ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(connection, transaction, "CREATE INDEX IF NOT EXISTS layer_results_diff_id ON layer_results (diff_id)", cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresLayerResultStore(database);
    }

    /// <inheritdoc />
    public async Task<LayerResult?> TryGetAsync(LayerCacheKey key, CancellationToken cancellationToken)
    {
        byte[]? data;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = SqlCommands.Command(connection, null, "SELECT data FROM layer_results WHERE cache_key = @key");
            SqlCommands.Parameter(command, "@key", key.Value);
            data = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }

        return data is null ? null : await LayerResultCodec.DecodeAsync(data, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PutAsync(LayerCacheKey key, LayerResult result, CancellationToken cancellationToken)
    {
        var data = await LayerResultCodec.EncodeAsync(result, cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "INSERT INTO layer_results (cache_key, diff_id, data) VALUES (@key, @diff, @data) ON CONFLICT (cache_key) DO UPDATE SET data = excluded.data");
        SqlCommands.Parameter(command, "@key", key.Value);
        SqlCommands.Parameter(command, "@diff", key.DiffId.ToString());
        SqlCommands.Parameter(command, "@data", data);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The database is the caller's: nothing to release here.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
