using System.Text;
using System.Text.RegularExpressions;
using Drydock.References;

namespace Drydock.Policy;

/// <summary>An image name pattern of a policy, normalised as Docker normalises references: <c>HOST</c> (every repository
/// of that registry), <c>HOST/REPO</c> with globs (<c>*</c> and <c>?</c> stay inside one path component or host label,
/// <c>**</c> spans components), or a Docker Hub short name (<c>alpine</c> is <c>docker.io/library/alpine</c>). The host is
/// compared whole, so <c>registry.example.com</c> never admits <c>registry.example.com.evil.io</c>.</summary>
public sealed partial class ImagePattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex _host;
    private readonly Regex? _repository;

    private ImagePattern(string text, string host, string? repository)
    {
        Text = text;
        Host = host;
        Repository = repository;
        _host = new Regex("^" + HostRegex(host) + "$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        _repository = repository is null ? null : new Regex("^" + RepositoryRegex(repository) + "$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>The pattern as written in the policy.</summary>
    public string Text { get; }

    /// <summary>The normalised registry host pattern, e.g. <c>docker.io</c> or <c>*.example.com</c>.</summary>
    public string Host { get; }

    /// <summary>The normalised repository pattern, or null when every repository of the host is admitted.</summary>
    public string? Repository { get; }

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static ImagePattern Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"'{text}' is not an image pattern (no spaces, not empty)");
        }

        if (text.Contains('@'))
        {
            throw new FormatException($"'{text}': patterns name registries and repositories, not digests");
        }

        var slash = text.IndexOf('/');
        var first = slash < 0 ? text : text[..slash];
        var rest = slash < 0 ? null : text[(slash + 1)..];
        string host;
        string? repository;
        if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.StartsWith('['))
        {
            host = first.ToLowerInvariant();
            repository = rest;
        }
        else
        {
            host = RegistryReference.DockerHub;
            repository = text;
        }

        if (host is "index.docker.io" or "registry-1.docker.io")
        {
            host = RegistryReference.DockerHub;
        }

        if (!HostSyntax().IsMatch(host))
        {
            throw new FormatException(host == text ? $"'{text}' is not a registry host pattern" : $"'{text}': '{host}' is not a registry host pattern");
        }

        if (repository is not null)
        {
            if (repository.Length == 0 || repository.EndsWith('/'))
            {
                throw new FormatException($"'{text}': empty repository (write the host alone to admit all of its repositories)");
            }

            if (repository.Contains(':'))
            {
                throw new FormatException($"'{text}': patterns name registries and repositories, not tags");
            }

            if (!RepositorySyntax().IsMatch(repository))
            {
                var hint = repository.Any(char.IsUpper) ? " (repository names are lowercase)" : string.Empty;
                throw new FormatException($"'{text}': '{repository}' is not a repository pattern{hint}");
            }

            if (host == RegistryReference.DockerHub && !repository.Contains('/') && repository != "**")
            {
                repository = "library/" + repository;
            }
        }

        return new ImagePattern(text, host, repository);
    }

    /// <summary>Whether the registry and repository of a normalised reference match.</summary>
    public bool Matches(string registry, string repository)
        => _host.IsMatch(registry.ToLowerInvariant()) && (_repository is null || _repository.IsMatch(repository));

    /// <summary>Whether a normalised reference matches.</summary>
    public bool Matches(RegistryReference reference) => Matches(reference.Registry, reference.Repository);

    /// <inheritdoc />
    public override string ToString() => Text;

    // In a host, * is one DNS label (or a port) and never empty; in a repository, * and ? stay inside one path component.
    private static string HostRegex(string host) => Glob(host, "[^./:]+", "[^./:]");

    private static string RepositoryRegex(string repository)
        => string.Join('/', repository.Split('/').Select(segment => segment == "**" ? ".+" : Glob(segment, "[^/]*", "[^/]")));

    private static string Glob(string glob, string star, string question)
    {
        var regex = new StringBuilder();
        foreach (var c in glob)
        {
            regex.Append(c switch
            {
                '*' => star,
                '?' => question,
                _ => Regex.Escape(c.ToString()),
            });
        }

        return regex.ToString();
    }

    [GeneratedRegex(@"^(?:[a-z0-9*?](?:[a-z0-9*?-]*[a-z0-9*?])?(?:\.[a-z0-9*?](?:[a-z0-9*?-]*[a-z0-9*?])?)*|\[[0-9a-f:.]+\])(?::[0-9*?]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostSyntax();

    [GeneratedRegex(@"^[a-z0-9._*?-]+(?:/[a-z0-9._*?-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositorySyntax();
}
