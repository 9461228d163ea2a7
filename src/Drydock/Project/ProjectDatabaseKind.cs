namespace Drydock.Project;

/// <summary>The database engines the project database runs on.</summary>
public enum ProjectDatabaseKind
{
    /// <summary>A local SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by a team or a cluster.</summary>
    Postgres,
}
