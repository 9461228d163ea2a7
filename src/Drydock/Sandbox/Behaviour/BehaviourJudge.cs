using System.Net;
using Drydock.Analysis.Content;
using Drydock.Analysis.Scripts;
using Drydock.Detection.Malware;
using Drydock.Sandbox.Files;
using Drydock.Sandbox.Network;
using Drydock.Sandbox.Tracing;

namespace Drydock.Sandbox.Behaviour;

/// <summary>Turns what a run observed into reasons and a verdict: coin miner (a stratum login, a known pool's name,
/// a miner's command line), downloader (a file written during the run and then executed, after network traffic),
/// network scanner (many destinations), reverse shell (a shell on a socket), persistence (crontabs, boot and
/// start-up files). The verdict is the malware verdict of those reasons and of the dropped files' findings.</summary>
public static class BehaviourJudge
{
    /// <summary>Least CPU time, in seconds, for the CPU-burn flag.</summary>
    public const double CpuBurnSeconds = 2.0;

    /// <summary>Distinct destinations (addresses, or ports of one address) from which connections look like a scan.</summary>
    public const int ScanDestinations = 20;

    private const int MaxEvidence = 12;

    /// <summary>The CPU-burn flag: at least <see cref="CpuBurnSeconds"/> of CPU and busy at least half of the run.</summary>
    public static bool IsCpuBurn(double cpuSeconds, double wallSeconds) =>
        cpuSeconds >= CpuBurnSeconds && cpuSeconds >= 0.5 * Math.Max(wallSeconds, 0.001);

    /// <summary>The reasons, in category order, then rule id.</summary>
    public static IReadOnlyList<BehaviourReason> Reasons(TraceSummary? trace, NetworkObservations? network, IReadOnlyList<FileChange> files)
    {
        var reasons = new List<BehaviourReason>();
        CoinMiner(trace, network, reasons);
        Downloader(trace, network, files, reasons);
        Scanner(trace, network, reasons);
        ReverseShell(trace, reasons);
        Persistence(trace, files, reasons);
        var order = ThreatCategory.All.ToList();
        return [.. reasons.OrderBy(r => order.IndexOf(r.Category)).ThenBy(r => r.RuleId, StringComparer.Ordinal)];
    }

    /// <summary>The reasons as malware findings (source <c>sandbox</c>), so the image verdict and policies see them.</summary>
    public static IReadOnlyList<MalwareFinding> Findings(IEnumerable<BehaviourReason> reasons) =>
    [
        .. reasons.Select(r => new MalwareFinding
        {
            Category = r.Category,
            RuleId = r.RuleId,
            Confidence = r.Confidence,
            Title = r.Title,
            Source = "sandbox",
            Path = r.Evidence.FirstOrDefault(e => e.Kind == "file")?.Value,
            Sha256 = r.Evidence.FirstOrDefault(e => e.Kind == "sha256")?.Value,
            Evidence = [.. r.Evidence],
        }),
    ];

    private static void CoinMiner(TraceSummary? trace, NetworkObservations? network, List<BehaviourReason> reasons)
    {
        if (network is not null && network.StratumLogins.Count > 0)
        {
            var evidence = new List<FindingEvidence>();
            foreach (var login in network.StratumLogins.Take(MaxEvidence))
            {
                var domain = network.DnsQueries.LastOrDefault(q => q.TimeMs <= login.TimeMs && q.Answer == login.Address)?.Name;
                if (domain is not null)
                {
                    evidence.Add(new FindingEvidence("domain", domain));
                }

                evidence.Add(new FindingEvidence("pool", $"{login.Address}:{login.Port}"));
                evidence.Add(new FindingEvidence("method", login.Method));
                if (login.Login is { Length: > 0 } wallet)
                {
                    evidence.Add(new FindingEvidence("wallet", wallet));
                }

                if (login.Agent is { Length: > 0 } agent)
                {
                    evidence.Add(new FindingEvidence("agent", agent));
                }
            }

            var first = network.StratumLogins[0];
            reasons.Add(new BehaviourReason(ThreatCategory.CoinMiner, "sandbox/stratum-login", Confidence.High,
                $"sent a mining-pool {first.Method} to port {first.Port}{(first.Login is { Length: > 0 } w ? " as " + Shorten(w) : "")}", Distinct(evidence)));
        }

        var pools = network is null
            ? []
            : network.DnsQueries.Select(q => q.Name)
                .Concat(network.TlsClientHellos.Select(t => t.ServerName ?? ""))
                .Concat(network.HttpRequests.Select(h => h.Host ?? ""))
                .Where(n => n.Length > 0 && MinerCommand.IsKnownPool(StripPort(n)))
                .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxEvidence).ToList();
        if (pools.Count > 0)
        {
            reasons.Add(new BehaviourReason(ThreatCategory.CoinMiner, "sandbox/pool-domain", Confidence.High,
                $"looked up the mining pool {pools[0]}", [.. pools.Select(p => new FindingEvidence("domain", p))]));
        }

        foreach (var process in trace?.Processes ?? [])
        {
            if (process.Argv.Count > 1 && MinerCommand.Judge([.. process.Argv]) is { } judged)
            {
                reasons.Add(new BehaviourReason(ThreatCategory.CoinMiner, "sandbox/miner-command", judged.Confidence,
                    $"ran a miner: {judged.Title}", [new FindingEvidence("process", CommandLine(process.Executable, process.Argv))]));
                break;
            }
        }
    }

    private static void Downloader(TraceSummary? trace, NetworkObservations? network, IReadOnlyList<FileChange> files, List<BehaviourReason> reasons)
    {
        var fetched = (network?.HttpRequests.Count ?? 0) > 0 || OutsideConnects(trace).Any(c => c.Port is not 53);
        if (!fetched)
        {
            return;
        }

        var hashes = files.Where(f => f.Sha256 is not null).ToDictionary(f => f.Path, f => f.Sha256!, StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in trace?.FileOperations ?? [])
        {
            if (op.Kind == FileOperationKind.Write)
            {
                written.Add(op.Path);
            }
            else if (op.Kind is FileOperationKind.Rename or FileOperationKind.Link && op.Target is { } target)
            {
                written.Add(target);
            }
        }

        if (trace is null)
        {
            // Without a trace only the writable layer speaks: new executables after a fetch.
            foreach (var file in files.Where(f => f.MadeExecutable))
            {
                written.Add(file.Path);
            }
        }

        var executed = new List<string>();
        foreach (var process in trace?.Processes ?? [])
        {
            foreach (var exec in process.Execs.Where(e => e.Error is null && e.Path is not null))
            {
                if (written.Contains(exec.Path!))
                {
                    executed.Add(exec.Path!);
                }
                else if (exec.Argv.Count > 1 && written.Contains(exec.Argv[1]) && IsInterpreter(exec.Path!, exec.Argv))
                {
                    executed.Add(exec.Argv[1]);
                }
            }
        }

        var runs = executed.Distinct(StringComparer.Ordinal).ToList();
        if (runs.Count == 0 && !(trace is null && written.Count > 0))
        {
            return;
        }

        var evidence = new List<FindingEvidence>();
        foreach (var request in network?.HttpRequests.Take(MaxEvidence) ?? [])
        {
            evidence.Add(new FindingEvidence("url", $"http://{request.Host ?? request.Address}{request.Path}"));
        }

        foreach (var path in (runs.Count > 0 ? runs : [.. written]).Take(MaxEvidence))
        {
            evidence.Add(new FindingEvidence("file", path));
            if (hashes.TryGetValue(path, out var hash))
            {
                evidence.Add(new FindingEvidence("sha256", hash));
            }
        }

        var names = network?.HttpRequests.Select(r => Path.GetFileName(r.Path.Split('?')[0])).ToHashSet(StringComparer.Ordinal) ?? [];
        var confidence = trace is not null && (runs.Any(r => names.Contains(Path.GetFileName(r))) || network?.HttpRequests.Any(r => r.Status == 200) == true)
            ? Confidence.High
            : Confidence.Medium;
        var what = runs.Count > 0 ? runs[0] : written.First();
        reasons.Add(new BehaviourReason(ThreatCategory.Downloader, "sandbox/download-execute", confidence,
            $"fetched over the network and executed {what}", evidence));
    }

    private static void Scanner(TraceSummary? trace, NetworkObservations? network, List<BehaviourReason> reasons)
    {
        var destinations = OutsideConnects(trace).Where(c => c.Operation == SocketOperation.Connect)
            .Select(c => (Address: c.Address!, Port: c.Port ?? 0))
            .Concat(network?.Connections.Where(c => c.Protocol == "tcp").Select(c => (c.Address, c.Port)) ?? [])
            .Distinct().ToList();
        var addresses = destinations.Select(d => d.Address).Distinct(StringComparer.Ordinal).Count();
        var ports = destinations.GroupBy(d => d.Address).Select(g => g.Select(d => d.Port).Distinct().Count()).DefaultIfEmpty(0).Max();
        if (addresses < ScanDestinations && ports < ScanDestinations)
        {
            return;
        }

        var confidence = Math.Max(addresses, ports) >= 5 * ScanDestinations ? Confidence.High : Confidence.Medium;
        reasons.Add(new BehaviourReason(ThreatCategory.NetworkScanner, "sandbox/many-destinations", confidence,
            $"tried to connect to {addresses} addresses ({destinations.Count} address and port pairs)",
            [
                new FindingEvidence("count", destinations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. destinations.Take(MaxEvidence).Select(d => new FindingEvidence("destination", $"{d.Address}:{d.Port}")),
            ]));
    }

    private static void ReverseShell(TraceSummary? trace, List<BehaviourReason> reasons)
    {
        if (trace is null || trace.ReverseShells.Count == 0)
        {
            return;
        }

        var first = trace.ReverseShells[0];
        var evidence = trace.ReverseShells.Take(MaxEvidence).SelectMany(r => new[]
        {
            new FindingEvidence("process", r.Shell),
            new FindingEvidence("destination", r.Address is null ? "unknown" : $"{r.Address}:{r.Port}"),
        }).ToList();
        reasons.Add(new BehaviourReason(ThreatCategory.ReverseShell, "sandbox/socket-shell", Confidence.High,
            $"ran {first.Shell} with its input or output on a network socket", Distinct(evidence)));
    }

    private static void Persistence(TraceSummary? trace, IReadOnlyList<FileChange> files, List<BehaviourReason> reasons)
    {
        var paths = files.Where(f => f.Kind != FileChangeKind.Deleted).Select(f => f.Path)
            .Concat((trace?.FileOperations ?? []).Where(o => o.Kind is FileOperationKind.Write or FileOperationKind.Chmod).Select(o => o.Path))
            .Concat((trace?.FileOperations ?? []).Where(o => o.Kind is FileOperationKind.Rename or FileOperationKind.Symlink or FileOperationKind.Link).Select(o => o.Target ?? ""))
            .Where(PersistencePaths.Matches).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return;
        }

        var confidence = paths.Max(PersistencePaths.ConfidenceOf);
        reasons.Add(new BehaviourReason(ThreatCategory.Persistence, "sandbox/persistence-file", confidence,
            $"wrote {paths[0]}, which runs programs again later", [.. paths.Take(MaxEvidence).Select(p => new FindingEvidence("file", p))]));
    }

    private static IEnumerable<TracedConnect> OutsideConnects(TraceSummary? trace) =>
        (trace?.Connects ?? []).Where(c => c.Family is "inet" or "inet6" or "AF_INET" or "AF_INET6" && c.Address is { } a
            && IPAddress.TryParse(a, out var ip) && !IPAddress.IsLoopback(ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any));

    private static bool IsInterpreter(string path, IReadOnlyList<string> argv)
    {
        var name = Path.GetFileName(argv.Count > 0 && Path.GetFileName(path) is "busybox" ? argv[0] : path);
        return name is "sh" or "bash" or "ash" or "dash" or "zsh" or "ksh" or "python" or "python3" or "perl" or "node" or "ruby" or "php";
    }

    private static string CommandLine(string? executable, IReadOnlyList<string> argv)
    {
        var text = string.Join(' ', argv.Take(32));
        return executable is null || argv.Count == 0 || argv[0] == executable ? text : $"{executable}: {text}";
    }

    private static string StripPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.Contains(']', StringComparison.Ordinal) ? host[..colon] : host;
    }

    private static string Shorten(string text) => text.Length > 24 ? text[..12] + "…" + text[^8..] : text;

    private static List<FindingEvidence> Distinct(List<FindingEvidence> evidence) => [.. evidence.Distinct()];
}
