using System.Data.Common;
using System.Globalization;
using Drydock.Population;
using Drydock.Project;

namespace Drydock.Crawl;

/// <summary>Computes <see cref="PopulationStats"/> from the crawl tables of the project database: exact counts over the
/// scanned manifests. Layers count the population's sharing: <c>analysed</c> = distinct layers (each needs one analysis),
/// <c>reused</c> = the other layer references (served by that one analysis), so the figures do not depend on the order,
/// parallelism or interruptions of the crawl.</summary>
public sealed class PopulationQuery(IProjectDatabase database)
{
    /// <summary>How many packages <see cref="PopulationStats.TopVulnerablePackages"/> lists.</summary>
    public int TopPackages { get; init; } = 20;

    /// <summary>How many operating systems <see cref="PopulationStats.CommonBases"/> lists.</summary>
    public int TopBases { get; init; } = 20;

    /// <summary>The statistics of everything crawled so far.</summary>
    public async Task<PopulationStats> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var images = await CountAsync(connection, "SELECT COUNT(*) FROM crawl_images", cancellationToken).ConfigureAwait(false);
        var repositories = await CountAsync(connection,
            "SELECT COUNT(DISTINCT t.repository) FROM crawl_tags t JOIN crawl_images i ON i.manifest_digest = t.digest", cancellationToken).ConfigureAwait(false);
        var tags = await CountAsync(connection,
            "SELECT COUNT(*) FROM (SELECT DISTINCT t.repository, t.tag FROM crawl_tags t JOIN crawl_images i ON i.manifest_digest = t.digest) pairs",
            cancellationToken).ConfigureAwait(false);
        var failed = await CountAsync(connection, $"SELECT COUNT(*) FROM crawl_frontier WHERE state = '{FrontierState.Failed}'", cancellationToken).ConfigureAwait(false);
        var withCritical = await CountAsync(connection, "SELECT COUNT(*) FROM crawl_images WHERE critical > 0", cancellationToken).ConfigureAwait(false);
        var withHigh = await CountAsync(connection, "SELECT COUNT(*) FROM crawl_images WHERE critical > 0 OR high > 0", cancellationToken).ConfigureAwait(false);
        var withFixable = await CountAsync(connection, "SELECT COUNT(*) FROM crawl_images WHERE fixable_critical > 0", cancellationToken).ConfigureAwait(false);
        var layerReferences = await CountAsync(connection, "SELECT COUNT(*) FROM crawl_layers", cancellationToken).ConfigureAwait(false);
        var distinctLayers = await CountAsync(connection, "SELECT COUNT(DISTINCT diff_id) FROM crawl_layers", cancellationToken).ConfigureAwait(false);

        var harmful = 0;
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var packages = new Dictionary<string, (int Images, int Critical)>(StringComparer.Ordinal);
        var bases = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = SqlCommands.Command(connection, null, "SELECT verdict, categories, critical_packages, high_packages, os FROM crawl_images"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsDBNull(0) && reader.GetString(0) == "malicious")
                {
                    harmful++;
                    foreach (var category in CrawlColumns.Split(reader.GetString(1)).Distinct(StringComparer.Ordinal))
                    {
                        categories[category] = categories.GetValueOrDefault(category) + 1;
                    }
                }

                var critical = CrawlColumns.Split(reader.GetString(2)).ToHashSet(StringComparer.Ordinal);
                foreach (var package in critical.Union(CrawlColumns.Split(reader.GetString(3)), StringComparer.Ordinal))
                {
                    var (count, criticalCount) = packages.GetValueOrDefault(package);
                    packages[package] = (count + 1, criticalCount + (critical.Contains(package) ? 1 : 0));
                }

                var os = reader.IsDBNull(4) ? "unknown" : reader.GetString(4);
                bases[os] = bases.GetValueOrDefault(os) + 1;
            }
        }

        return new PopulationStats(
            images,
            repositories,
            tags,
            failed,
            withCritical,
            Share(withCritical, images),
            withHigh,
            Share(withHigh, images),
            withFixable,
            Share(withFixable, images),
            new HarmfulStats(
                harmful,
                Share(harmful, images),
                new SortedDictionary<string, int>(categories, StringComparer.Ordinal),
                new SortedDictionary<string, double>(categories.ToDictionary(kv => kv.Key, kv => Share(kv.Value, harmful)), StringComparer.Ordinal)),
            [.. packages
                .OrderByDescending(kv => kv.Value.Images).ThenByDescending(kv => kv.Value.Critical).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(TopPackages)
                .Select(kv => Package(kv.Key, kv.Value.Images, kv.Value.Critical))],
            [.. bases.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopBases).Select(kv => new BaseImageCount(kv.Key, kv.Value))],
            new LayerReuse(distinctLayers, layerReferences - distinctLayers));
    }

    private static PackageImageCount Package(string key, int images, int critical)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new(string.Empty, key, images, critical) : new(key[..slash], key[(slash + 1)..], images, critical);
    }

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;

    private static async Task<int> CountAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Command(connection, null, sql);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
