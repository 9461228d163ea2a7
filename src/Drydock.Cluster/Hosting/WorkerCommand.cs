using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Drydock.Analysis;
using Drydock.Project;

namespace Drydock.Cluster.Hosting;

/// <summary>The worker's command line: <c>drydock worker --db postgres://... [options]</c>.</summary>
public static class WorkerCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the worker; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var db = new Option<string?>("--db") { Description = "The project database: postgres://user:pass@host:port/dbname (default $DRYDOCK_DB)" };
        var name = new Option<string?>("--name") { Description = "This worker's name (default HOST-PID)" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Workers with the same id on one database form one cluster", DefaultValueFactory = _ => "drydock" };
        var address = new Option<string>("--address") { Description = "The IP address other workers reach this one at (default 127.0.0.1; the pod IP in Kubernetes)", DefaultValueFactory = _ => "127.0.0.1" };
        var siloPort = new Option<int?>("--silo-port") { Description = "Silo-to-silo port (default: a free port)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Client gateway port (default: a free port)" };
        var parallel = new Option<int>("--parallel") { Description = "Images this worker scans at once", DefaultValueFactory = _ => 1 };
        var lease = new Option<int>("--lease-seconds") { Description = "Frontier lease length; a killed worker's items are retried after it", DefaultValueFactory = _ => 60 };
        var scanners = new Option<string?>("--scanners") { Description = "Scanners to run, comma-separated (vuln,malware,secret,misconfig; default all)" };
        var advisoryDb = new Option<string?>("--advisory-db") { Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db)" };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Allow plain HTTP to this registry host[:port] (loopback is always allowed)" };
        var rate = new Option<double?>("--rate") { Description = "Manifest requests per second to one registry for the whole fleet (give every worker the same value)" };
        var fast = new Option<bool>("--fast-failure-detection") { Description = "Declare a dead worker within seconds (tests on one machine)" };
        var root = new RootCommand("drydock worker: a member of the Drydock Orleans cluster; drains the crawl frontier held in PostgreSQL")
        {
            db, name, clusterId, address, siloPort, gatewayPort, parallel, lease, rate, scanners, advisoryDb, insecure, fast,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"drydock worker: {parse.Errors[0].Message} (see 'drydock worker --help')").ConfigureAwait(false);
            return 2;
        }

        if (parse.Action is not null && parse.CommandResult.Command == root && args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var dbText = parse.GetValue(db) ?? Environment.GetEnvironmentVariable(ProjectDatabase.EnvironmentVariable)
            ?? throw new DrydockInputException("no project database: give --db postgres://... or set DRYDOCK_DB");
        if (!IPAddress.TryParse(parse.GetValue(address), out var ip))
        {
            throw new DrydockInputException($"--address: not an IP address: {parse.GetValue(address)}");
        }

        if (parse.GetValue(parallel) < 1 || parse.GetValue(lease) < 3)
        {
            throw new DrydockInputException("--parallel must be at least 1 and --lease-seconds at least 3");
        }

        if (parse.GetValue(rate) is { } perSecond && !(perSecond > 0 && double.IsFinite(perSecond)))
        {
            throw new DrydockInputException("--rate must be a positive number of requests per second");
        }

        Scanners selected;
        try
        {
            selected = parse.GetValue(scanners) is { } s ? ScannerNames.Parse(s) : Scanners.All;
        }
        catch (FormatException e)
        {
            throw new DrydockInputException($"--scanners: {e.Message}");
        }

        var settings = new WorkerSettings
        {
            Database = ProjectDatabaseLocation.Parse(dbText),
            Name = parse.GetValue(name) ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            ClusterId = parse.GetValue(clusterId)!,
            Address = ip,
            SiloPort = parse.GetValue(siloPort) ?? FreePort(ip),
            GatewayPort = parse.GetValue(gatewayPort) ?? FreePort(ip),
            Parallelism = parse.GetValue(parallel),
            Lease = TimeSpan.FromSeconds(parse.GetValue(lease)),
            Rate = parse.GetValue(rate),
            Scanners = selected,
            AdvisoryDatabase = parse.GetValue(advisoryDb) ?? DefaultAdvisoryDatabase(),
            InsecureRegistries = new HashSet<string>(parse.GetValue(insecure) ?? [], StringComparer.OrdinalIgnoreCase),
            FastFailureDetection = parse.GetValue(fast),
        };
        await WorkerHost.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DefaultAdvisoryDatabase()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "drydock", "advisories.db");
    }
}
