using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Drydock.Project.Postgres;

/// <summary>The project database on a PostgreSQL server (Npgsql). Migrations run in one transaction that first takes a
/// transaction-scoped advisory lock, so concurrent opens (several CI jobs, webhook replicas) apply each step once.</summary>
public sealed class PostgresProjectDatabase : IProjectDatabase
{
    /// <summary>The advisory lock key migrations take ("drydock" in ASCII).</summary>
    public const long MigrationLockKey = 0x64727964_6f636bL;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresProjectDatabase(NpgsqlDataSource dataSource, string display, int schemaVersion)
    {
        _dataSource = dataSource;
        Display = display;
        SchemaVersion = schemaVersion;
    }

    /// <inheritdoc />
    public ProjectDatabaseKind Kind => ProjectDatabaseKind.Postgres;

    /// <inheritdoc />
    public string Display { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; }

    /// <summary>Connects with <paramref name="connectionString"/> and migrates the schema.</summary>
    public static async Task<PostgresProjectDatabase> OpenAsync(string connectionString, string display, IReadOnlyList<ProjectMigration> migrations,
        CancellationToken cancellationToken)
    {
        // The slim builder keeps the binary trimmable (NativeAOT); the store uses text and integers only.
        var dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = SqlCommands.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
            {
                SqlCommands.Parameter(lockCommand, "@key", MigrationLockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var version = await MigrationRunner.MigrateAsync(connection, transaction, migrations, display, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresProjectDatabase(dataSource, display, version);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new DrydockInputException($"cannot open the project database {display}: {e.Message}", e);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
