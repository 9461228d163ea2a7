namespace Drydock.Project;

/// <summary>One schema step: applied once, in version order, inside the migration transaction.</summary>
/// <param name="Version">The schema version this step produces (1, 2, ...).</param>
/// <param name="Name">What the step does, recorded in the versions table.</param>
/// <param name="Statements">The statements, written in the SQL both SQLite and PostgreSQL accept.</param>
public sealed record ProjectMigration(int Version, string Name, IReadOnlyList<string> Statements);
