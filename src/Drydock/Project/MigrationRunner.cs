using System.Data.Common;
using System.Globalization;

namespace Drydock.Project;

/// <summary>Applies the missing migrations in order inside one transaction. The caller takes the engine's lock first
/// (SQLite: an immediate transaction; PostgreSQL: a transaction-scoped advisory lock), so concurrent opens apply each step once.</summary>
public static class MigrationRunner
{
    /// <summary>The table that records applied versions.</summary>
    public const string VersionsTable = "schema_migrations";

    /// <summary>Brings the schema to <see cref="ProjectMigrations.Latest"/> and returns the version; refuses a newer schema.</summary>
    public static async Task<int> MigrateAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectMigration> migrations,
        string display, CancellationToken cancellationToken)
    {
        await SqlCommands.ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {VersionsTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var select = SqlCommands.Command(connection, transaction, $"SELECT version FROM {VersionsTable}"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (applied.Count > 0 && applied.Max() > latest)
        {
            throw new DrydockInputException($"the project database {display} has schema version {applied.Max()}, newer than this drydock knows ({latest}): upgrade drydock");
        }

        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var statement in migration.Statements)
            {
                await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await using var record = SqlCommands.Command(connection, transaction, $"INSERT INTO {VersionsTable} (version, name, applied_at) VALUES (@version, @name, @at)");
            SqlCommands.Parameter(record, "@version", migration.Version);
            SqlCommands.Parameter(record, "@name", migration.Name);
            SqlCommands.Parameter(record, "@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return latest;
    }
}
