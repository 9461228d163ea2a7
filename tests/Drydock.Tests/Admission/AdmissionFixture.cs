using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Drydock.Admission;
using Drydock.Analysis;
using Drydock.Cli.Serve;
using Drydock.Project;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Admission;

/// <summary>A real <c>docker-registry</c> on loopback holding hardened/busybox (catalogued as a base), apps/layered and
/// apps/miner (built on it), apps/alpine (not) and apps/debian; a self-signed certificate for 127.0.0.1 made here; a
/// policy requiring a hardened base and denying coin miners; and a way to start <c>drydock serve</c> on a loopback port.</summary>
public sealed class AdmissionFixture : IAsyncLifetime
{
    public const string PolicyText = """
        version: 1
        base:
          require: hardened
        malware:
          deny: [coin-miner, hacking-tool]
        """;

    public RegistryServer Registry { get; private set; } = null!;

    public TestImages Images { get; } = new();

    public string Dir { get; } = RepoPaths.Scratch("admission");

    public string CertificatePath => Path.Combine(Dir, "tls.crt");

    public string KeyPath => Path.Combine(Dir, "tls.key");

    /// <summary>The certificate the server presents (the client trusts exactly this one).</summary>
    public X509Certificate2 Certificate { get; private set; } = null!;

    public string PolicyPath => Path.Combine(Dir, "policy.yaml");

    public string Database => Path.Combine(Dir, "drydock.db");

    /// <summary>The layer cache, shared by the servers of a run so each image's layers are analysed once.</summary>
    public string CacheDirectory => Path.Combine(Dir, "cache");

    /// <summary>host:port/NAME in the registry.</summary>
    public string Ref(string name) => $"{Registry.Host}/{name}";

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "busybox", "layered", "miner", "alpine", "debian" })
        {
            await Images.EnsureAsync(name);
        }

        Registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        await Registry.PushAsync($"oci:{Images.OciLayout("busybox")}:latest", "hardened/busybox:1.0");
        await Task.WhenAll(
            Registry.PushAsync($"oci:{Images.OciLayout("layered")}:v1", "apps/layered:v1"),
            Registry.PushAsync($"oci:{Images.OciLayout("miner")}:v1", "apps/miner:v1"),
            Registry.PushAsync($"oci:{Images.OciLayout("alpine")}:3.19", "apps/alpine:3.19"),
            Registry.PushAsync($"oci:{Images.OciLayout("debian")}:bookworm", "apps/debian:bookworm"));
        var add = await CliRunner.InProcessAsync("base", "add", Ref("hardened/busybox:1.0"), "--db", Database);
        Assert.True(add.ExitCode == 0, add.Stderr);
        await File.WriteAllTextAsync(PolicyPath, PolicyText);
        Certificate = WriteSelfSignedCertificate(CertificatePath, KeyPath);
    }

    /// <summary>Settings for a server on a free loopback port with the fixture's policy, catalog, certificate and cache.</summary>
    internal ServeSettings Settings(string name, bool failOpen = false, TimeSpan? scanTimeout = null, string? cacheDirectory = null) => new()
    {
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        PolicyPath = PolicyPath,
        TlsCertificate = CertificatePath,
        TlsKey = KeyPath,
        Admission = new AdmissionOptions { FailOpen = failOpen, ScanTimeout = scanTimeout ?? TimeSpan.FromSeconds(60) },
        AuditLogPath = Path.Combine(Dir, name + ".audit.jsonl"),
        AdvisoryDatabase = Path.Combine(Dir, "no-advisories.db"),
        Catalog = ProjectDatabaseLocation.ForSqlite(Database),
        CacheDirectory = cacheDirectory ?? CacheDirectory,
        Scanners = Scanners.Malware | Scanners.Secrets | Scanners.Misconfigurations,
    };

    /// <summary>Writes a self-signed certificate for 127.0.0.1 and localhost (PEM) and returns it.</summary>
    internal static X509Certificate2 WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=drydock.drydock-system.svc", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("drydock.drydock-system.svc");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}

/// <summary>Shares one <see cref="AdmissionFixture"/> across the admission test classes.</summary>
[CollectionDefinition(Name)]
public sealed class AdmissionCollection : ICollectionFixture<AdmissionFixture>
{
    public const string Name = "admission";
}
