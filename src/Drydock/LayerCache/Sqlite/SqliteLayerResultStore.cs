using Drydock.Analysis;
using Microsoft.Data.Sqlite;

namespace Drydock.LayerCache.Sqlite;

/// <summary>Layer results in one SQLite file (WAL mode, busy timeout) so concurrent scans can share it.
/// Each result is stored in <see cref="LayerResultCodec"/>'s form (zstd-compressed JSON) under its cache key.</summary>
public sealed class SqliteLayerResultStore : ILayerResultStore
{
    /// <summary>The file name inside the cache directory.</summary>
    public const string FileName = "layers.db";

    private const int StoreSchemaVersion = 1;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private SqliteLayerResultStore(string connectionString)
    {
        _connectionString = connectionString;
    }

    /// <summary>The database path.</summary>
    public required string Path { get; init; }

    /// <summary>Opens (creating when needed) the store in <paramref name="directory"/>.</summary>
    public static async Task<SqliteLayerResultStore> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"cannot create the cache directory {directory}: {e.Message}", e);
        }

        var path = System.IO.Path.Combine(directory, FileName);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 };
        var store = new SqliteLayerResultStore(builder.ToString()) { Path = path };
        await store.InitialiseAsync(File.Exists(path) && new FileInfo(path).Length > 0, cancellationToken).ConfigureAwait(false);
        return store;
    }

    private async Task InitialiseAsync(bool existed, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

            // An existing cache only needs its schema checked (a warm scan's start-up); a new one, or one another
            // process is creating this very moment, gets the idempotent creation statements.
            var schema = existed ? await TryReadSchemaAsync(connection, cancellationToken).ConfigureAwait(false) : null;
            if (schema is null)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, """
                    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS layer_results (
                        cache_key TEXT PRIMARY KEY,
                        diff_id TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        last_used_at INTEGER NOT NULL,
                        data BLOB NOT NULL);
                    CREATE INDEX IF NOT EXISTS layer_results_diff_id ON layer_results(diff_id);
                    INSERT OR IGNORE INTO store_meta(key, value) VALUES ('schema', '1');
                    """, cancellationToken).ConfigureAwait(false);
                schema = await TryReadSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            if (schema != StoreSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new DrydockInputException($"the layer cache {Path} has schema {schema}, this drydock knows {StoreSchemaVersion}; run 'drydock cache clean'");
            }
        }
        catch (SqliteException e)
        {
            throw new DrydockInputException($"cannot open the layer cache {Path}: {e.Message} (run 'drydock cache clean' to start afresh)", e);
        }
    }

    private static async Task<string?> TryReadSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT value FROM store_meta WHERE key = 'schema'";
        try
        {
            return Convert.ToString(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return null; // no such table yet: the cache is new or being created
        }
    }

    public async Task<LayerResult?> TryGetAsync(LayerCacheKey key, CancellationToken cancellationToken)
    {
        byte[]? data;
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT data FROM layer_results WHERE cache_key = $key";
            command.Parameters.AddWithValue("$key", key.Value);
            data = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }

        return data is null ? null : await LayerResultCodec.DecodeAsync(data, key, cancellationToken).ConfigureAwait(false);
    }

    public async Task PutAsync(LayerCacheKey key, LayerResult result, CancellationToken cancellationToken)
    {
        var data = await LayerResultCodec.EncodeAsync(result, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO layer_results(cache_key, diff_id, created_at, last_used_at, data) VALUES ($key, $diff, $now, $now, $data)
                ON CONFLICT(cache_key) DO UPDATE SET data = excluded.data, last_used_at = excluded.last_used_at
                """;
            command.Parameters.AddWithValue("$key", key.Value);
            command.Parameters.AddWithValue("$diff", key.DiffId.ToString());
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$data", data);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Number of cached layer results and their stored size in bytes.</summary>
    public async Task<(long Count, long Bytes)> StatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM layer_results";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Deletes every cached result.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "DELETE FROM layer_results;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "VACUUM;", cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }
}
