using System.Data.Common;
using System.Globalization;
using Drydock.Project;

namespace Drydock.Catalog;

/// <summary>The base catalog in the project database's <c>base_images</c> and <c>base_tags</c> tables; the same SQL runs on SQLite and PostgreSQL.</summary>
public sealed class SqlBaseCatalogStore(IProjectDatabase database) : IBaseCatalogStore
{
    // The images with their tags in one query: a LEFT JOIN gives one row per (image, tag).
    private const string SelectImages = """
        SELECT i.repository, i.manifest_digest, i.index_digest, i.platform, i.diff_ids, i.created, i.added_at, t.tag
        FROM base_images i
        LEFT JOIN base_tags t ON t.repository = i.repository AND t.digest = COALESCE(i.index_digest, i.manifest_digest)
        """;

    /// <inheritdoc />
    public async Task AddAsync(IReadOnlyList<BaseImage> images, string repository, string rootDigest, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var now = Timestamp(DateTimeOffset.UtcNow);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var image in images)
        {
            await using var insert = SqlCommands.Command(connection, transaction, """
                INSERT INTO base_images (repository, manifest_digest, index_digest, platform, chain_id, layer_count, diff_ids, created, added_at)
                VALUES (@repository, @manifest, @index, @platform, @chain, @layers, @diffIds, @created, @added)
                ON CONFLICT (repository, manifest_digest) DO UPDATE SET
                    index_digest = excluded.index_digest, platform = excluded.platform, chain_id = excluded.chain_id,
                    layer_count = excluded.layer_count, diff_ids = excluded.diff_ids, created = excluded.created
                """);
            SqlCommands.Parameter(insert, "@repository", image.Repository);
            SqlCommands.Parameter(insert, "@manifest", image.ManifestDigest);
            SqlCommands.Parameter(insert, "@index", image.IndexDigest);
            SqlCommands.Parameter(insert, "@platform", image.Platform);
            SqlCommands.Parameter(insert, "@chain", image.ChainId);
            SqlCommands.Parameter(insert, "@layers", image.DiffIds.Count);
            SqlCommands.Parameter(insert, "@diffIds", string.Join(' ', image.DiffIds));
            SqlCommands.Parameter(insert, "@created", image.Created is { } created ? Timestamp(created) : null);
            SqlCommands.Parameter(insert, "@added", now);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var tag in tags)
        {
            await using var upsert = SqlCommands.Command(connection, transaction, """
                INSERT INTO base_tags (repository, tag, digest, updated_at) VALUES (@repository, @tag, @digest, @updated)
                ON CONFLICT (repository, tag) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at
                """);
            SqlCommands.Parameter(upsert, "@repository", repository);
            SqlCommands.Parameter(upsert, "@tag", tag);
            SqlCommands.Parameter(upsert, "@digest", rootDigest);
            SqlCommands.Parameter(upsert, "@updated", now);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BaseImage>> ListAsync(CancellationToken cancellationToken)
        => await QueryAsync(SelectImages + " ORDER BY i.repository, i.platform, i.manifest_digest, t.tag", _ => { }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<int> RemoveDigestAsync(string? repository, string digest, CancellationToken cancellationToken)
    {
        var inRepository = repository is null ? string.Empty : " AND repository = @repository";
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int removed;
        await using (var delete = SqlCommands.Command(connection, transaction,
            "DELETE FROM base_images WHERE (manifest_digest = @digest OR index_digest = @digest)" + inRepository))
        {
            SqlCommands.Parameter(delete, "@digest", digest);
            if (repository is not null)
            {
                SqlCommands.Parameter(delete, "@repository", repository);
            }

            removed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Tags whose image is gone go with it.
        await SqlCommands.ExecuteAsync(connection, transaction, """
            DELETE FROM base_tags WHERE NOT EXISTS (SELECT 1 FROM base_images i
                WHERE i.repository = base_tags.repository AND (i.manifest_digest = base_tags.digest OR i.index_digest = base_tags.digest))
            """, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    public async Task<string?> ResolveTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = SqlCommands.Command(connection, null, "SELECT digest FROM base_tags WHERE repository = @repository AND tag = @tag");
        SqlCommands.Parameter(select, "@repository", repository);
        SqlCommands.Parameter(select, "@tag", tag);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<BaseImage?> FindLongestPrefixAsync(IReadOnlyList<string> diffIds, CancellationToken cancellationToken)
    {
        if (diffIds.Count == 0)
        {
            return null;
        }

        var chains = ChainId.Prefixes(diffIds);
        var names = string.Join(", ", chains.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture)));
        var images = await QueryAsync(SelectImages + $" WHERE i.chain_id IN ({names}) ORDER BY i.layer_count DESC, i.repository, i.manifest_digest, t.tag",
            command =>
            {
                for (var i = 0; i < chains.Length; i++)
                {
                    SqlCommands.Parameter(command, "@c" + i.ToString(CultureInfo.InvariantCulture), chains[i]);
                }
            }, cancellationToken).ConfigureAwait(false);

        // Chain IDs are hashes of the whole chain; the comparison only guards against a corrupted row.
        return images.FirstOrDefault(b => b.DiffIds.Count <= diffIds.Count && b.DiffIds.SequenceEqual(diffIds.Take(b.DiffIds.Count), StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BaseImage>> FindByDigestAsync(string digest, CancellationToken cancellationToken)
        => await QueryAsync(SelectImages + " WHERE i.manifest_digest = @digest OR i.index_digest = @digest ORDER BY i.repository, i.platform, i.manifest_digest, t.tag",
            command => SqlCommands.Parameter(command, "@digest", digest), cancellationToken).ConfigureAwait(false);

    private async Task<List<BaseImage>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var images = new List<BaseImage>();
        var tags = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var repository = reader.GetString(0);
            var manifest = reader.GetString(1);
            if (images.Count == 0 || images[^1].Repository != repository || images[^1].ManifestDigest != manifest)
            {
                tags = [];
                images.Add(new BaseImage
                {
                    Repository = repository,
                    ManifestDigest = manifest,
                    IndexDigest = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Platform = reader.GetString(3),
                    DiffIds = reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    Created = reader.IsDBNull(5) ? null : ParseTimestamp(reader.GetString(5)),
                    AddedAt = ParseTimestamp(reader.GetString(6)),
                    Tags = tags,
                });
            }

            if (!reader.IsDBNull(7))
            {
                tags.Add(reader.GetString(7));
            }
        }

        return images;
    }

    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
