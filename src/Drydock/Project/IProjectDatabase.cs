using System.Data.Common;

namespace Drydock.Project;

/// <summary>The project database, opened and migrated: hands out connections to the stores built on it.</summary>
public interface IProjectDatabase : IAsyncDisposable
{
    /// <summary>The engine, for the few statements that differ.</summary>
    ProjectDatabaseKind Kind { get; }

    /// <summary>Where the database is, for messages (never with a password).</summary>
    string Display { get; }

    /// <summary>The schema version after the migrations ran.</summary>
    int SchemaVersion { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);
}
