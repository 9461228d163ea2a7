using Drydock.Catalog;
using Drydock.Promotion;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Cli.Commands;

/// <summary><c>promote --as-base</c>: records the promoted image, read back from the destination, in the hardened base catalog
/// exactly as <c>drydock base add</c> does.</summary>
internal static class PromotionCatalog
{
    public static async Task AddAsync(RegistryReference destination, PromotionResult result, SourceOptions options, string? db, CancellationToken cancellationToken)
    {
        // By tag when there is one (the catalog records tags), else by the digest the copy kept.
        var reference = destination.Digest is null && destination.Tag is { } tag ? destination.WithReference(tag, null) : destination.WithReference(null, result.Digest);
        var resolved = await new BaseImageResolver(new RegistryImageSource(), options).ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (resolved.RootDigest != result.Digest.ToString())
        {
            throw new DrydockInputException($"{reference} moved to {resolved.RootDigest} while it was promoted as {result.Digest}; not added to the catalog");
        }

        await using var database = await BaseCommand.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        await BaseCommand.AddAsync(new SqlBaseCatalogStore(database), resolved, cancellationToken).ConfigureAwait(false);
    }
}
