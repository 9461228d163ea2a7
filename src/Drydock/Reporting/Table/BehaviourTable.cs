using System.Globalization;
using Drydock.Detection.Malware;
using Drydock.Sandbox.Behaviour;
using Spectre.Console;

namespace Drydock.Reporting.Table;

/// <summary>The behaviour section as tables: verdict and reasons, the process tree, the network, changed files and resources.</summary>
public static class BehaviourTable
{
    private const int MaxRows = 60;

    /// <summary>Writes <paramref name="behaviour"/> to <paramref name="console"/>.</summary>
    public static void Write(BehaviourReport behaviour, IAnsiConsole console)
    {
        var verdict = behaviour.Verdict switch
        {
            VerdictKind.Malicious => "[bold red]malicious[/]",
            VerdictKind.Suspicious => "[yellow]suspicious[/]",
            _ => "[green]nothing suspicious[/]",
        };
        var r = behaviour.Resources;
        console.MarkupLine($"[bold]Sandbox:[/] {verdict}; ran {Markup.Escape(TableReportWriter.Trim(string.Join(' ', behaviour.Command), 60))} as {behaviour.User} "
            + $"for {r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{(behaviour.TimedOut ? " [yellow](killed at the time limit)[/]" : "")}, "
            + $"CPU {r.CpuSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{(r.CpuBurn ? " [yellow](CPU burn)[/]" : "")}, peak memory {TableReportWriter.Size(r.PeakMemoryBytes)}"
            + (r.PidsLimitHits > 0 ? $", [yellow]{r.PidsLimitHits:N0} forks refused by the pids limit[/]" : ""));
        if (behaviour.Reasons.Count > 0 || behaviour.DroppedFileFindings.Count > 0)
        {
            var reasons = new Spectre.Console.Table().Border(TableBorder.Rounded).AddColumn("Category").AddColumn("Confidence").AddColumn("What").AddColumn("Evidence");
            foreach (var reason in behaviour.Reasons)
            {
                reasons.AddRow(Markup.Escape(reason.Category), reason.Confidence.ToString().ToLowerInvariant(), Markup.Escape(reason.Title),
                    Markup.Escape(TableReportWriter.Trim(string.Join(", ", reason.Evidence.Select(e => $"{e.Kind}={e.Value}")), 70)));
            }

            foreach (var finding in behaviour.DroppedFileFindings)
            {
                reasons.AddRow(Markup.Escape(finding.Category), finding.Confidence.ToString().ToLowerInvariant(), Markup.Escape(finding.Title),
                    Markup.Escape($"file={finding.Path}"));
            }

            console.Write(reasons);
        }

        WriteProcesses(behaviour, console);
        WriteNetwork(behaviour, console);
        WriteFiles(behaviour, console);
    }

    private static void WriteProcesses(BehaviourReport behaviour, IAnsiConsole console)
    {
        if (behaviour.Processes.Count == 0)
        {
            return;
        }

        var depth = new Dictionary<int, int>();
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("Program").AddColumn("Arguments").AddColumn("Exit");
        foreach (var p in behaviour.Processes.Take(MaxRows))
        {
            var level = p.ParentId is { } parent && depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            depth[p.Id] = level;
            var exit = p.Signal ?? (p.ExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : p.Running ? "running" : "");
            table.AddRow(p.Id.ToString(CultureInfo.InvariantCulture), new string(' ', Math.Min(level, 12) * 2) + Markup.Escape(p.Applet ?? p.Executable ?? "?"),
                Markup.Escape(TableReportWriter.Trim(string.Join(' ', p.Argv), 80)), exit);
        }

        console.MarkupLine($"[bold]Processes:[/] {behaviour.Processes.Count:N0}");
        console.Write(table);
    }

    private static void WriteNetwork(BehaviourReport behaviour, IAnsiConsole console)
    {
        var n = behaviour.NetworkActivity;
        if (n is null)
        {
            console.MarkupLine($"[bold]Network:[/] {(behaviour.Network == "none" ? "none (loopback only)" : "not observed")}");
            return;
        }

        console.MarkupLine($"[bold]Network:[/] {n.DnsQueries.Count:N0} DNS queries, {n.Connections.Count:N0} connections, {n.HttpRequests.Count:N0} HTTP requests, "
            + $"{n.TlsClientHellos.Count:N0} TLS hellos, {n.StratumLogins.Count:N0} mining-pool logins");
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).AddColumn("Kind").AddColumn("Destination").AddColumn("Detail");
        var rows = n.DnsQueries.Select(q => ("dns", q.Name, $"{q.Type} → {q.Answer ?? "no answer"}"))
            .Concat(n.StratumLogins.Select(s => ("stratum", $"{s.Address}:{s.Port}", $"{s.Method} {s.Login} {s.Agent}")))
            .Concat(n.HttpRequests.Select(h => ("http", $"{h.Address}:{h.Port}", $"{h.Method} {h.Host}{h.Path} ({h.Status}) {h.UserAgent}")))
            .Concat(n.TlsClientHellos.Select(t => ("tls", $"{t.Address}:{t.Port}", $"server name {t.ServerName ?? "none"}")))
            .Concat(n.Connections.Select(c => (c.Protocol, $"{c.Address}:{c.Port}", "")));
        var count = 0;
        foreach (var (kind, destination, detail) in rows.Take(MaxRows))
        {
            table.AddRow(kind, Markup.Escape(destination), Markup.Escape(TableReportWriter.Trim(detail, 90)));
            count++;
        }

        if (count > 0)
        {
            console.Write(table);
        }
    }

    private static void WriteFiles(BehaviourReport behaviour, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]Files changed:[/] {behaviour.Files.Count:N0}");
        if (behaviour.Files.Count == 0)
        {
            return;
        }

        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).AddColumn("Change").AddColumn("Path").AddColumn("Size").AddColumn("SHA-256 (new executables)");
        foreach (var f in behaviour.Files.Take(MaxRows))
        {
            var change = f.Kind.ToString().ToLowerInvariant() + (f.MadeExecutable ? " [yellow]+x[/]" : "");
            table.AddRow(change, Markup.Escape(TableReportWriter.Trim(f.Path, 60)), f.Type == "file" ? TableReportWriter.Size(f.Size) : f.Type, f.Sha256 ?? "");
        }

        console.Write(table);
    }
}
