using Drydock.Project;

namespace Drydock.Cluster.Layers;

/// <summary>The <c>cluster_layer_analyses</c> table: per layer cache key, the image its analysis is credited to, the worker that ran
/// it and how many times it ran (1 when the fleet never analysed a layer twice; more only after a result was lost).</summary>
public sealed class LayerAnalysisLog(IProjectDatabase database)
{
    /// <summary>The image credited with the analysis of <paramref name="cacheKey"/>, or null when none is recorded.</summary>
    public async Task<string?> CreditedImageAsync(string cacheKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT image FROM cluster_layer_analyses WHERE cache_key = @key");
        SqlCommands.Parameter(command, "@key", cacheKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>Records one analysis; returns the credited image (the first recorded one is kept).</summary>
    public async Task<string> RecordAsync(string cacheKey, string image, string worker, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "INSERT INTO cluster_layer_analyses (cache_key, image, worker, analyses, analysed_at) VALUES (@key, @image, @worker, 1, now()) " +
            "ON CONFLICT (cache_key) DO UPDATE SET analyses = cluster_layer_analyses.analyses + 1, analysed_at = now() RETURNING image");
        SqlCommands.Parameter(command, "@key", cacheKey);
        SqlCommands.Parameter(command, "@image", image);
        SqlCommands.Parameter(command, "@worker", worker);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
