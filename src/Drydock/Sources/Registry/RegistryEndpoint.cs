using System.Net;
using Drydock.References;

namespace Drydock.Sources.Registry;

/// <summary>Where a registry's API is served: the API host and whether it is reached over HTTPS.</summary>
public sealed record RegistryEndpoint(string Registry, string ApiHost, Uri BaseUri)
{
    /// <summary>The endpoint for a registry name; plain HTTP only for loopback hosts and listed insecure registries.</summary>
    public static RegistryEndpoint For(string registry, IReadOnlySet<string> insecureRegistries)
    {
        var apiHost = registry == RegistryReference.DockerHub ? RegistryReference.DockerHubApiHost : registry;
        var plain = AllowsPlainHttp(apiHost, insecureRegistries) || insecureRegistries.Contains(registry);
        return new RegistryEndpoint(registry, apiHost, new Uri($"{(plain ? "http" : "https")}://{apiHost}/"));
    }

    /// <summary>True when <paramref name="authority"/> (host[:port]) may be spoken to over plain HTTP.</summary>
    public static bool AllowsPlainHttp(string authority, IReadOnlySet<string> insecureRegistries)
        => insecureRegistries.Contains(authority) || insecureRegistries.Contains(HostOf(authority)) || IsLoopback(HostOf(authority));

    /// <summary>True for localhost, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host of a host[:port] authority (brackets kept off IPv6 literals).</summary>
    public static string HostOf(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            return close > 0 ? authority[1..close] : authority;
        }

        var colon = authority.LastIndexOf(':');
        return colon > 0 && authority.IndexOf(':') == colon ? authority[..colon] : authority;
    }

    /// <summary>True when <paramref name="uri"/> points at this registry's API (same scheme, host and port).</summary>
    public bool Owns(Uri uri) => Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
