namespace Drydock.Sources.OciLayout;

/// <summary>Where the files of an OCI image layout live: a directory or an indexed archive.</summary>
internal interface IOciLayoutStorage
{
    /// <summary>A name for messages, such as <c>oci:/path</c>.</summary>
    string Name { get; }

    /// <summary>Opens the regular file at a layout-relative path, or returns null when it does not exist.</summary>
    ValueTask<OpenedLayoutFile?> OpenAsync(string relativePath, CancellationToken cancellationToken);
}

/// <summary>A file opened from layout storage, with its length.</summary>
internal sealed record OpenedLayoutFile(Stream Stream, long Length);
