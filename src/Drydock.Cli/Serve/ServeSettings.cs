using System.Net;
using Drydock.Admission;
using Drydock.Analysis;
using Drydock.Project;

namespace Drydock.Cli.Serve;

/// <summary>Everything <c>drydock serve</c> was told: where to listen, the TLS pair, the policy, the failure mode, the audit
/// log and the reference data the scans read.</summary>
internal sealed record ServeSettings
{
    public required IPEndPoint Listen { get; init; }

    public required string PolicyPath { get; init; }

    /// <summary>The PEM certificate and key; both null only with <see cref="InsecureHttp"/>.</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }

    public bool InsecureHttp { get; init; }

    public AdmissionOptions Admission { get; init; } = new();

    /// <summary>The audit log file; null writes to standard error.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>The advisory database file (used when it exists, required when <see cref="AdvisoryDatabaseNamed"/>).</summary>
    public required string AdvisoryDatabase { get; init; }

    public bool AdvisoryDatabaseNamed { get; init; }

    /// <summary>The project database holding the hardened base catalog, or null for none.</summary>
    public ProjectDatabaseLocation? Catalog { get; init; }

    /// <summary>The per-layer cache directory.</summary>
    public required string CacheDirectory { get; init; }

    public Scanners Scanners { get; init; } = Scanners.All;

    public IReadOnlySet<string> InsecureRegistries { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
