using System.Text.RegularExpressions;

namespace Drydock.References;

/// <summary>A normalised registry image name: registry host, repository, and a tag and/or digest.</summary>
public sealed partial record RegistryReference
{
    /// <summary>Docker Hub's canonical registry name.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The host that serves Docker Hub's registry API.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    /// <summary>The registry as named in the reference, for example <c>docker.io</c> or <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path, for example <c>library/alpine</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when only a digest was given.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest, when the reference pins one.</summary>
    public Digest? Digest { get; }

    /// <summary>Creates a reference; use <see cref="Parse"/> for user input.</summary>
    public RegistryReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The host:port the API is served from (Docker Hub's name maps to its API host).</summary>
    public string ApiHost => Registry == DockerHub ? DockerHubApiHost : Registry;

    /// <summary>The tag or digest used to fetch the manifest (the digest wins when both are given).</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>The same repository pointed at another tag or digest.</summary>
    public RegistryReference WithReference(string? tag, Digest? digest) => new(Registry, Repository, tag, digest);

    /// <summary>Parses a Docker-style reference with Docker's normalisation of short names.</summary>
    public static RegistryReference Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ReferenceParseException("empty image reference");
        }

        if (text.Length > 4096 || text.Any(char.IsWhiteSpace))
        {
            throw new ReferenceParseException($"invalid image reference '{Short(text)}'");
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var digestText = rest[(at + 1)..];
            if (!References.Digest.TryParse(digestText, out var d))
            {
                throw new ReferenceParseException($"invalid digest in image reference '{Short(text)}'");
            }

            digest = d;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var tagColon = rest.IndexOf(':', lastSlash + 1);
        if (tagColon >= 0)
        {
            tag = rest[(tagColon + 1)..];
            rest = rest[..tagColon];
            if (!TagPattern().IsMatch(tag))
            {
                throw new ReferenceParseException($"invalid tag '{Short(tag)}' in image reference '{Short(text)}'");
            }
        }

        string registry;
        string repository;
        var firstSlash = rest.IndexOf('/');
        var first = firstSlash < 0 ? null : rest[..firstSlash];
        if (first is not null && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper)))
        {
            registry = first;
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = DockerHub;
            repository = rest;
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !repository.Contains('/'))
        {
            repository = "library/" + repository;
        }

        if (!HostPattern().IsMatch(registry))
        {
            throw new ReferenceParseException($"invalid registry host '{Short(registry)}' in image reference '{Short(text)}'");
        }

        if (repository.Length == 0 || repository.Length > 255 || !repository.Split('/').All(c => ComponentPattern().IsMatch(c)))
        {
            var hint = repository.Any(char.IsUpper) ? " (repository names must be lowercase)" : string.Empty;
            throw new ReferenceParseException($"invalid repository name '{Short(repository)}' in image reference '{Short(text)}'{hint}");
        }

        if (tag is null && digest is null)
        {
            tag = "latest";
        }

        return new RegistryReference(registry, repository, tag, digest);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var name = $"{Registry}/{Repository}";
        if (Tag is not null)
        {
            name += ":" + Tag;
        }

        if (Digest is { } d)
        {
            name += "@" + d;
        }

        return name;
    }

    private static string Short(string s) => s.Length > 100 ? s[..100] + "…" : s;

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
