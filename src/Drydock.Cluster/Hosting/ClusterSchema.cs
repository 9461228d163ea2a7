using Drydock.Project;
using Drydock.Project.Postgres;

namespace Drydock.Cluster.Hosting;

/// <summary>Creates the tables the cluster needs in the project database: Orleans' membership, reminders and their query table
/// (<c>Schema/orleans-postgres.sql</c>) and Drydock's cluster tables (<c>Schema/cluster-postgres.sql</c>). Idempotent, applied by every
/// worker at start-up inside one transaction under the project database's migration lock.</summary>
public static class ClusterSchema
{
    private static readonly string[] Scripts = ["orleans-postgres.sql", "cluster-postgres.sql"];

    /// <summary>Applies both scripts.</summary>
    public static async Task ApplyAsync(IProjectDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = SqlCommands.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            SqlCommands.Parameter(lockCommand, "@key", PostgresProjectDatabase.MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var script in Scripts)
        {
            await SqlCommands.ExecuteAsync(connection, transaction, Read(script), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Read(string name)
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("Drydock.Cluster.Schema." + name)
            ?? throw new InvalidOperationException($"the schema script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
