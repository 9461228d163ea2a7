using System.Text;
using System.Text.Json;
using Drydock.References;

namespace Drydock.Sources.Registry;

/// <summary>Credentials from the Docker client configuration: <c>credHelpers</c>, <c>credsStore</c> and
/// <c>auths</c> in <c>config.json</c>, matched to a registry the way Docker matches them.</summary>
public sealed class DockerCredentialStore : IRegistryCredentialProvider
{
    /// <summary>The key Docker files Docker Hub credentials under.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";

    private readonly string _configDirectory;
    private readonly CredentialHelperRunner _helpers;

    /// <summary>Reads <c>config.json</c> from <paramref name="configDirectory"/> (null: $DOCKER_CONFIG, else ~/.docker);
    /// helpers are looked up in <paramref name="helperSearchDirectories"/> (null: $PATH).</summary>
    public DockerCredentialStore(string? configDirectory = null, IReadOnlyList<string>? helperSearchDirectories = null)
    {
        _configDirectory = configDirectory ?? DefaultConfigDirectory();
        _helpers = new CredentialHelperRunner(helperSearchDirectories);
    }

    /// <summary>$DOCKER_CONFIG, else ~/.docker.</summary>
    public static string DefaultConfigDirectory()
        => Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>The key Docker uses for <paramref name="registry"/>: the Hub's v1 address, else host[:port].</summary>
    public static string ServerKey(string registry)
        => registry is RegistryReference.DockerHub or RegistryReference.DockerHubApiHost or "index.docker.io" ? DockerHubKey : registry;

    /// <summary>A config key reduced to host[:port] (scheme and path dropped), as Docker compares keys.</summary>
    public static string KeyHost(string key)
    {
        var rest = key;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[scheme.Length..];
            }
        }

        var slash = rest.IndexOf('/');
        return slash >= 0 ? rest[..slash] : rest;
    }

    /// <inheritdoc />
    public async ValueTask<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        var config = Load();
        if (config is null)
        {
            return null;
        }

        var serverKey = ServerKey(registry);
        var helper = Lookup(config.CredHelpers, serverKey) ?? config.CredsStore;
        if (!string.IsNullOrEmpty(helper))
        {
            var fromHelper = await _helpers.GetAsync(helper, serverKey, cancellationToken).ConfigureAwait(false);
            if (fromHelper is not null)
            {
                return fromHelper;
            }
        }

        var entry = Lookup(config.Auths, serverKey);
        return entry is null ? null : FromEntry(entry, serverKey);
    }

    private static T? Lookup<T>(Dictionary<string, T>? map, string serverKey) where T : class
    {
        if (map is null)
        {
            return null;
        }

        if (map.TryGetValue(serverKey, out var exact))
        {
            return exact;
        }

        var host = KeyHost(serverKey);
        foreach (var (key, value) in map)
        {
            if (string.Equals(KeyHost(key), host, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static RegistryCredential? FromEntry(DockerAuthEntry entry, string key)
    {
        string? user = entry.Username;
        string? password = entry.Password;
        if (!string.IsNullOrEmpty(entry.Auth))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth));
            }
            catch (FormatException)
            {
                throw new DrydockInputException($"docker config: the 'auth' entry for {key} is not valid base64");
            }

            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                throw new DrydockInputException($"docker config: the 'auth' entry for {key} is not user:password");
            }

            user = decoded[..colon];
            password = decoded[(colon + 1)..];
        }

        if (!string.IsNullOrEmpty(entry.IdentityToken))
        {
            return new RegistryCredential(user ?? string.Empty, password ?? string.Empty, entry.IdentityToken);
        }

        return string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password) ? null : new RegistryCredential(user ?? string.Empty, password ?? string.Empty);
    }

    private DockerConfigFile? Load()
    {
        var path = Path.Combine(_configDirectory, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > 4 * 1024 * 1024)
            {
                throw new DrydockInputException($"docker config {path} is larger than 4 MiB");
            }

            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RegistryJsonContext.Default.DockerConfigFile);
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"docker config {path} is not valid JSON ({e.Message.Split('.')[0]})", e);
        }
        catch (IOException e)
        {
            throw new DrydockInputException($"cannot read docker config {path}: {e.Message}", e);
        }
    }
}
