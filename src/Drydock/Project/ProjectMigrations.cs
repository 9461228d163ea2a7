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
        new(2, "registry crawl",
        [
            // The frontier: one item per manifest digest to scan (or per tag or repository that could not be resolved).
            """
            CREATE TABLE crawl_frontier (
                item TEXT NOT NULL PRIMARY KEY,
                reference TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                reason TEXT,
                updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX crawl_frontier_state ON crawl_frontier (state)",
            // Every repository:tag and the manifest(s) it points at (several with --platform all).
            """
            CREATE TABLE crawl_tags (
                repository TEXT NOT NULL,
                tag TEXT NOT NULL,
                digest TEXT NOT NULL,
                resolved_at TEXT NOT NULL,
                PRIMARY KEY (repository, tag, digest))
            """,
            "CREATE INDEX crawl_tags_digest ON crawl_tags (digest)",
            // One row per scanned manifest: the figures the population statistics need and the full report (gzipped JSON).
            """
            CREATE TABLE crawl_images (
                manifest_digest TEXT NOT NULL PRIMARY KEY,
                reference TEXT NOT NULL,
                platform TEXT NOT NULL,
                os TEXT,
                critical INTEGER NOT NULL,
                high INTEGER NOT NULL,
                fixable_critical INTEGER NOT NULL,
                verdict TEXT,
                categories TEXT NOT NULL,
                critical_packages TEXT NOT NULL,
                high_packages TEXT NOT NULL,
                layers_analysed INTEGER NOT NULL,
                layers_reused INTEGER NOT NULL,
                report_gzip BYTEA NOT NULL,
                scanned_at TEXT NOT NULL)
            """,
            // The layers (diff-IDs) of each scanned manifest, in order: the population's layer sharing.
            """
            CREATE TABLE crawl_layers (
                manifest_digest TEXT NOT NULL,
                position INTEGER NOT NULL,
                diff_id TEXT NOT NULL,
                PRIMARY KEY (manifest_digest, position))
            """,
            "CREATE INDEX crawl_layers_diff_id ON crawl_layers (diff_id)",
        ]),
        new(3, "rescan webhook outbox",
        [
            // One notification per image a rescan changed, written with the image's new report; delivered_at is set once the
            // webhook took it. The id is the idempotency key receivers see (X-Drydock-Delivery).
            """
            CREATE TABLE rescan_outbox (
                id TEXT NOT NULL PRIMARY KEY,
                digest TEXT NOT NULL,
                event TEXT NOT NULL,
                body BYTEA NOT NULL,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                delivered_at TEXT)
            """,
            "CREATE INDEX rescan_outbox_pending ON rescan_outbox (delivered_at, created_at)",
        ]),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
