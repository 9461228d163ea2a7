using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Tests.Fixtures;

/// <summary>A small Docker token server on loopback: checks Basic credentials and issues RS256 JWTs whose
/// <c>x5c</c> header carries a self-signed certificate the registry trusts (its rootcertbundle).</summary>
public sealed class TokenServer : IDisposable
{
    public const string Service = "drydock-test-registry";
    public const string Issuer = "drydock-test-issuer";

    private readonly HttpListener _listener;
    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;
    private readonly string _user;
    private readonly string _password;
    private readonly List<string?> _authorizations = [];
    private int _requests;

    private TokenServer(HttpListener listener, RSA key, X509Certificate2 certificate, string bundle, string realm, string user, string password)
    {
        _listener = listener;
        _key = key;
        _certificate = certificate;
        CertificateBundle = bundle;
        Realm = realm;
        _user = user;
        _password = password;
    }

    /// <summary>The token endpoint.</summary>
    public string Realm { get; }

    /// <summary>The PEM file with the signing certificate.</summary>
    public string CertificateBundle { get; }

    /// <summary>Token requests served so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The Authorization headers the token endpoint received.</summary>
    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_authorizations)
            {
                return [.. _authorizations];
            }
        }
    }

    /// <summary>Starts the server; the certificate bundle is written into <paramref name="directory"/>.</summary>
    public static TokenServer Start(string directory, string user, string password)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=drydock-test-token", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var bundle = Path.Combine(directory, "token-ca.pem");
        File.WriteAllText(bundle, certificate.ExportCertificatePem());
        var port = RegistryServer.FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var server = new TokenServer(listener, key, certificate, bundle, $"http://127.0.0.1:{port}/token", user, password);
        _ = Task.Run(() => HttpListenerLoop.RunAsync(listener, server.Handle));
        return server;
    }

    private void Handle(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var authorization = context.Request.Headers["Authorization"];
        lock (_authorizations)
        {
            _authorizations.Add(authorization);
        }

        var response = context.Response;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}"));
        if (authorization != expected)
        {
            response.StatusCode = 401;
            Write(response, """{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}""");
            return;
        }

        var access = new JsonArray();
        foreach (var scope in context.Request.QueryString.GetValues("scope") ?? [])
        {
            foreach (var one in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var first = one.IndexOf(':');
                var last = one.LastIndexOf(':');
                if (first < 0 || last <= first)
                {
                    continue;
                }

                access.Add(new JsonObject
                {
                    ["type"] = one[..first],
                    ["name"] = one[(first + 1)..last],
                    ["actions"] = new JsonArray([.. one[(last + 1)..].Split(',').Select(a => (JsonNode)JsonValue.Create(a)!)]),
                });
            }
        }

        var token = Sign(access);
        Write(response, new JsonObject { ["token"] = token, ["access_token"] = token, ["expires_in"] = 300 }.ToJsonString());
    }

    private string Sign(JsonArray access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
        };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = _user,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Write(HttpListenerResponse response, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    public void Dispose()
    {
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }
}
