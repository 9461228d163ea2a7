namespace Drydock.References;

/// <summary>A parsed image reference in skopeo's transport syntax: <c>docker://REF</c>, bare <c>REF</c>,
/// <c>docker-archive:PATH</c>, <c>oci:DIR[:TAG]</c>, <c>oci-archive:PATH[:TAG]</c> or <c>dir:PATH</c>.</summary>
public sealed record ImageReference
{
    /// <summary>The transport the image is read through.</summary>
    public ImageTransport Transport { get; }

    /// <summary>The registry name, for <see cref="ImageTransport.Registry"/>.</summary>
    public RegistryReference? Registry { get; }

    /// <summary>The local file or directory, for the local transports.</summary>
    public string? Path { get; }

    /// <summary>The tag (OCI layouts) or image name (docker archives) selecting one image inside a local source.</summary>
    public string? Selector { get; }

    private ImageReference(ImageTransport transport, RegistryReference? registry, string? path, string? selector)
    {
        Transport = transport;
        Registry = registry;
        Path = path;
        Selector = selector;
    }

    /// <summary>A registry reference.</summary>
    public static ImageReference ForRegistry(RegistryReference reference) => new(ImageTransport.Registry, reference, null, null);

    /// <summary>A local reference.</summary>
    public static ImageReference ForLocal(ImageTransport transport, string path, string? selector = null)
    {
        if (transport == ImageTransport.Registry)
        {
            throw new ArgumentException("use ForRegistry for registry references", nameof(transport));
        }

        return new ImageReference(transport, null, path, string.IsNullOrEmpty(selector) ? null : selector);
    }

    /// <summary>Parses a reference, checking local paths where the syntax is ambiguous.</summary>
    public static ImageReference Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ReferenceParseException("empty image reference");
        }

        var colon = text.IndexOf(':');
        var scheme = colon > 0 ? text[..colon] : string.Empty;
        var rest = colon > 0 ? text[(colon + 1)..] : text;
        switch (scheme)
        {
            case "docker":
                if (!rest.StartsWith("//", StringComparison.Ordinal))
                {
                    throw new ReferenceParseException($"invalid reference '{text}': the registry transport is written docker://NAME");
                }

                return ForRegistry(RegistryReference.Parse(rest[2..]));
            case "docker-archive":
                return Local(ImageTransport.DockerArchive, rest, text, allowColonInSelector: true);
            case "oci":
                return Local(ImageTransport.OciLayout, rest, text, allowColonInSelector: false);
            case "oci-archive":
                return Local(ImageTransport.OciArchive, rest, text, allowColonInSelector: false);
            case "dir":
                RequirePath(rest, text);
                return ForLocal(ImageTransport.RootFs, rest);
            case "docker-daemon" or "containers-storage" or "sif" or "ostree" or "tarball":
                throw new ReferenceParseException($"the '{scheme}:' transport is not supported; use docker://, docker-archive:, oci:, oci-archive: or dir:");
            default:
                return ForRegistry(RegistryReference.Parse(text));
        }
    }

    private static ImageReference Local(ImageTransport transport, string rest, string text, bool allowColonInSelector)
    {
        RequirePath(rest, text);
        if (File.Exists(rest) || Directory.Exists(rest))
        {
            return ForLocal(transport, rest);
        }

        // PATH:SELECTOR. A docker-archive selector is an image name that may itself hold a colon (name:tag),
        // so the path ends at the first colon that leaves an existing file; for OCI the tag never has one.
        if (allowColonInSelector)
        {
            for (var i = rest.IndexOf(':'); i > 0; i = rest.IndexOf(':', i + 1))
            {
                if (File.Exists(rest[..i]) || Directory.Exists(rest[..i]))
                {
                    return ForLocal(transport, rest[..i], rest[(i + 1)..]);
                }
            }
        }
        else
        {
            var last = rest.LastIndexOf(':');
            if (last > 0)
            {
                return ForLocal(transport, rest[..last], rest[(last + 1)..]);
            }
        }

        return ForLocal(transport, rest);
    }

    private static void RequirePath(string rest, string text)
    {
        if (string.IsNullOrEmpty(rest))
        {
            throw new ReferenceParseException($"invalid reference '{text}': a path is required after the transport");
        }
    }

    /// <summary>The name shown in reports: the registry name, or the path with its selector.</summary>
    public string DisplayName => Transport == ImageTransport.Registry
        ? Registry!.ToString()
        : Selector is null ? Path! : $"{Path}:{Selector}";

    /// <inheritdoc />
    public override string ToString() => Transport == ImageTransport.Registry
        ? "docker://" + Registry
        : $"{Transport.Prefix()}:{DisplayName}";
}
