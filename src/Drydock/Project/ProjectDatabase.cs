using Drydock.Project.Postgres;
using Drydock.Project.Sqlite;

namespace Drydock.Project;

/// <summary>Opens the project database a <see cref="ProjectDatabaseLocation"/> names and brings its schema up to date.</summary>
public static class ProjectDatabase
{
    /// <summary>The SQLite file name in the data directory.</summary>
    public const string FileName = "drydock.db";

    /// <summary>The environment variable that names the database when <c>--db</c> is not given.</summary>
    public const string EnvironmentVariable = "DRYDOCK_DB";

    /// <summary>Opens and migrates the database.</summary>
    public static async Task<IProjectDatabase> OpenAsync(ProjectDatabaseLocation location, CancellationToken cancellationToken) => location.Kind switch
    {
        ProjectDatabaseKind.Postgres => await PostgresProjectDatabase.OpenAsync(location.Target, location.Display, ProjectMigrations.All, cancellationToken).ConfigureAwait(false),
        _ => await SqliteProjectDatabase.OpenAsync(location.Target, ProjectMigrations.All, cancellationToken).ConfigureAwait(false),
    };
}
