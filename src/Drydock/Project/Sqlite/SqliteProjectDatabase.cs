using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Drydock.Project.Sqlite;

/// <summary>The project database in one SQLite file (WAL, busy timeout); migrations run under an immediate transaction,
/// so concurrent first opens apply each step once.</summary>
public sealed class SqliteProjectDatabase : IProjectDatabase
{
    private readonly string _connectionString;

    private SqliteProjectDatabase(string connectionString, string display, int schemaVersion)
    {
        _connectionString = connectionString;
        Display = display;
        SchemaVersion = schemaVersion;
    }

    /// <inheritdoc />
    public ProjectDatabaseKind Kind => ProjectDatabaseKind.Sqlite;

    /// <inheritdoc />
    public string Display { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; }

    /// <summary>Opens (creating the file and its folder when needed) and migrates the database at <paramref name="path"/>.</summary>
    public static async Task<SqliteProjectDatabase> OpenAsync(string path, IReadOnlyList<ProjectMigration> migrations, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"cannot create the folder of the project database {path}: {e.Message}", e);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqlCommands.ExecuteAsync(connection, null, "PRAGMA busy_timeout = 30000", cancellationToken).ConfigureAwait(false);
            await SqlCommands.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);

            // BEGIN IMMEDIATE: the write lock is taken before the versions are read.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var version = await MigrationRunner.MigrateAsync(connection, transaction, migrations, path, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteProjectDatabase(connectionString, path, version);
        }
        catch (SqliteException e)
        {
            throw new DrydockInputException($"cannot open the project database {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqlCommands.ExecuteAsync(connection, null, "PRAGMA busy_timeout = 30000", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
