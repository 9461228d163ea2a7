using System.Text.Json.Serialization;

namespace Drydock.Sources.Registry;

/// <summary>A token endpoint's answer (Docker's token spec; OAuth2 servers use <c>access_token</c>).</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; init; }
}

/// <summary>One page of <c>/v2/_catalog</c>.</summary>
internal sealed record CatalogPage
{
    [JsonPropertyName("repositories")] public List<string>? Repositories { get; init; }
}

/// <summary>One page of <c>/v2/NAME/tags/list</c>.</summary>
internal sealed record TagListPage
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
}

/// <summary>The error body of the distribution API.</summary>
internal sealed record RegistryErrorBody
{
    [JsonPropertyName("errors")] public List<RegistryErrorEntry>? Errors { get; init; }
}

/// <summary>One entry of <see cref="RegistryErrorBody"/>.</summary>
internal sealed record RegistryErrorEntry
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>The parts of <c>~/.docker/config.json</c> that hold registry credentials.</summary>
internal sealed record DockerConfigFile
{
    [JsonPropertyName("auths")] public Dictionary<string, DockerAuthEntry>? Auths { get; init; }
    [JsonPropertyName("credHelpers")] public Dictionary<string, string>? CredHelpers { get; init; }
    [JsonPropertyName("credsStore")] public string? CredsStore { get; init; }
}

/// <summary>One <c>auths</c> entry of the Docker config.</summary>
internal sealed record DockerAuthEntry
{
    [JsonPropertyName("auth")] public string? Auth { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("identitytoken")] public string? IdentityToken { get; init; }
}

/// <summary>What <c>docker-credential-NAME get</c> prints.</summary>
internal sealed record CredentialHelperResponse
{
    [JsonPropertyName("Username")] public string? Username { get; init; }
    [JsonPropertyName("Secret")] public string? Secret { get; init; }
}

/// <summary>Source-generated JSON metadata for registry API and Docker config documents.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, MaxDepth = 32)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CatalogPage))]
[JsonSerializable(typeof(TagListPage))]
[JsonSerializable(typeof(RegistryErrorBody))]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(CredentialHelperResponse))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
