namespace Drydock.Project;

/// <summary>The project database's schema, as an explicit ordered list of migrations (append only: never edit a released step).</summary>
public static class ProjectMigrations
{
    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<ProjectMigration> All { get; } =
    [
        new(1, "hardened base catalog",
        [
            """
            CREATE TABLE base_images (
                repository TEXT NOT NULL,
                manifest_digest TEXT NOT NULL,
                index_digest TEXT,
                platform TEXT NOT NULL,
                chain_id TEXT NOT NULL,
                layer_count INTEGER NOT NULL,
                diff_ids TEXT NOT NULL,
                created TEXT,
                added_at TEXT NOT NULL,
                PRIMARY KEY (repository, manifest_digest))
            """,
            "CREATE INDEX base_images_chain_id ON base_images (chain_id)",
            "CREATE INDEX base_images_manifest_digest ON base_images (manifest_digest)",
            "CREATE INDEX base_images_index_digest ON base_images (index_digest)",
            """
            CREATE TABLE base_tags (
                repository TEXT NOT NULL,
                tag TEXT NOT NULL,
                digest TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (repository, tag))
            """,
            "CREATE INDEX base_tags_digest ON base_tags (digest)",
        ]),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
