using System.Net;
using Drydock.Analysis;
using Drydock.Project;

namespace Drydock.Cluster.Hosting;

/// <summary>How one worker runs: where the project database is, how it joins the cluster, and how much it takes on.</summary>
public sealed record WorkerSettings
{
    /// <summary>The project database (must be PostgreSQL: it holds the membership, the frontier and the shared layer store).</summary>
    public required ProjectDatabaseLocation Database { get; init; }

    /// <summary>This worker's name in logs, leases and analyses.</summary>
    public required string Name { get; init; }

    /// <summary>The Orleans cluster id (workers with the same id on one database form one cluster).</summary>
    public string ClusterId { get; init; } = "drydock";

    /// <summary>The address other silos reach this one at (loopback by default; the pod IP in Kubernetes).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The silo-to-silo port.</summary>
    public required int SiloPort { get; init; }

    /// <summary>The client gateway port.</summary>
    public required int GatewayPort { get; init; }

    /// <summary>Images this worker scans at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>How long a frontier lease lasts without renewal (renewed every third of it).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for queued items.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Manifest requests a second to one registry for the whole fleet (every worker should be given the same value), or null.</summary>
    public double? Rate { get; init; }

    /// <summary>Attempts after which an item that keeps losing its worker is marked failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The scanners the reports run.</summary>
    public Scanners Scanners { get; init; } = Scanners.All;

    /// <summary>The advisory database file (used when it exists).</summary>
    public required string AdvisoryDatabase { get; init; }

    /// <summary>Registry hosts reached over plain HTTP (loopback always is).</summary>
    public IReadOnlySet<string> InsecureRegistries { get; init; } = new HashSet<string>();

    /// <summary>Faster failure detection for tests on one machine (probes every second, a dead silo declared within seconds).</summary>
    public bool FastFailureDetection { get; init; }
}
