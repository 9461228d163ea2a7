namespace Drydock.Catalog;

/// <summary>The hardened base catalog as the project database stores it.</summary>
public interface IBaseCatalogStore
{
    /// <summary>Records (or refreshes) images and points <paramref name="tags"/> of their repository at <paramref name="rootDigest"/>.</summary>
    Task AddAsync(IReadOnlyList<BaseImage> images, string repository, string rootDigest, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>Every catalog image with its tags, by repository then platform.</summary>
    Task<IReadOnlyList<BaseImage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes the images whose manifest or index digest is <paramref name="digest"/> (in <paramref name="repository"/>, when given),
    /// with the tags pointing at them; returns how many images went.</summary>
    Task<int> RemoveDigestAsync(string? repository, string digest, CancellationToken cancellationToken);

    /// <summary>The digest <paramref name="tag"/> of <paramref name="repository"/> points at, if catalogued.</summary>
    Task<string?> ResolveTagAsync(string repository, string tag, CancellationToken cancellationToken);

    /// <summary>The catalog image with the longest diff-ID chain that is a prefix of <paramref name="diffIds"/> (one indexed query).</summary>
    Task<BaseImage?> FindLongestPrefixAsync(IReadOnlyList<string> diffIds, CancellationToken cancellationToken);

    /// <summary>The catalog images whose manifest or index digest is <paramref name="digest"/>.</summary>
    Task<IReadOnlyList<BaseImage>> FindByDigestAsync(string digest, CancellationToken cancellationToken);
}
