using Spectre.Console;

namespace Drydock.Reporting.Table;

/// <summary>Writes the report as human-readable tables (colour only when writing to a terminal).</summary>
public sealed class TableReportWriter(bool color) : IReportWriter
{
    public string Format => "table";

    /// <summary>Also list the findings an ignore file or VEX statement suppressed.</summary>
    public bool ShowSuppressed { get; init; }

    public Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var console = ConsoleFor(output, color);
        Write(report, console);
        WriteVulnerabilities(report, console, ShowSuppressed);
        WriteMalware(report, console);
        SecretsTable.Write(report, console);
        MisconfigurationsTable.Write(report, console);
        if (report.Behaviour is { } behaviour)
        {
            BehaviourTable.Write(behaviour, console);
        }

        return Task.CompletedTask;
    }

    private static void Write(ScanReport report, IAnsiConsole console)
    {
        var a = report.Artifact;
        var summary = new Spectre.Console.Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        summary.AddRow("[bold]Image[/]", Markup.Escape(a.Name));
        summary.AddRow("Transport", a.Transport);
        if (a.Digest is not null)
        {
            summary.AddRow("Digest", a.Digest);
        }

        if (a.ConfigDigest is not null)
        {
            summary.AddRow("Config", a.ConfigDigest);
        }

        summary.AddRow("Platform", a.Platform);
        summary.AddRow("OS", a.Os is { } os ? Markup.Escape($"{os.Family} {os.Version}" + (os.Name is null ? "" : $" ({os.Name})")) : "[yellow]unknown[/]");
        if (report.Base is { } b)
        {
            summary.AddRow("Base", Markup.Escape(BaseLine(b)));
        }

        var c = report.Census.Summary;
        summary.AddRow("Files", $"{c.Files:N0} files, {c.Directories:N0} dirs, {c.Symlinks:N0} symlinks, {Size(c.TotalBytes)}");
        summary.AddRow("Executables", $"{c.ElfExecutables:N0} ELF, {c.PeExecutables:N0} PE, {c.Scripts:N0} scripts");
        summary.AddRow("Setuid / setgid", $"{c.SetUidCount:N0} / {c.SetGidCount:N0}");
        summary.AddRow("World-writable files", $"{c.WorldWritableCount:N0}");
        var byType = report.Packages.GroupBy(p => p.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Count():N0} {g.Key}");
        summary.AddRow("Packages", report.Packages.Count == 0 ? "none found" : $"{report.Packages.Count:N0} ({string.Join(", ", byType)})");
        if (report.RemovedPackages.Count > 0)
        {
            summary.AddRow("[yellow]Removed packages[/]", $"{report.RemovedPackages.Count:N0} installed by one layer and removed by a later one");
        }

        if (report.Census.DeletedCount > 0)
        {
            summary.AddRow("Deleted in later layers", $"{report.Census.DeletedCount:N0} files");
        }

        var s = report.Statistics;
        summary.AddRow("Scan", $"{s.LayersAnalysed} layers analysed, {s.LayersFromCache} from cache, {Size(s.BytesRead)} read in {s.DurationMs:N0} ms");
        console.Write(summary);

        var layers = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Layers")
            .AddColumn("#").AddColumn("Diff-ID").AddColumn(new TableColumn("Size").RightAligned()).AddColumn(new TableColumn("Files").RightAligned())
            .AddColumn("Cached").AddColumn("Created by");
        foreach (var l in a.Layers)
        {
            layers.AddRow(
                l.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(Short(l.DiffId)),
                Size(l.UncompressedSize),
                l.Census.Files.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                l.Cached ? "yes" : "no",
                Markup.Escape(Trim(l.CreatedBy ?? "", 60)));
        }

        console.Write(layers);

        if (c.SetUid.Count + c.SetGid.Count > 0)
        {
            var special = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Setuid and setgid files").AddColumn("Path").AddColumn("Bits");
            foreach (var p in c.SetUid.Union(c.SetGid).Order(StringComparer.Ordinal))
            {
                var bits = (c.SetUid.Contains(p) ? "setuid " : "") + (c.SetGid.Contains(p) ? "setgid" : "");
                special.AddRow(Markup.Escape("/" + p), bits.Trim());
            }

            console.Write(special);
        }

        if (report.RemovedPackages.Count > 0)
        {
            var removed = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Packages removed by a later layer")
                .AddColumn("Package").AddColumn("Version").AddColumn("Added in").AddColumn("Removed in");
            var index = a.Layers.ToDictionary(l => l.DiffId ?? "", l => l.Index);
            foreach (var r in report.RemovedPackages.Take(100))
            {
                removed.AddRow(Markup.Escape(r.Type + ":" + (r.Namespace is null ? "" : r.Namespace + "/") + r.Name), Markup.Escape(r.Version),
                    $"layer {index.GetValueOrDefault(r.AddedIn)}", $"layer {index.GetValueOrDefault(r.RemovedIn)}");
            }

            console.Write(removed);
        }

        if (report.Warnings.Count > 0)
        {
            var warnings = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"Warnings ({report.Warnings.Count})")
                .AddColumn("Code").AddColumn("Path").AddColumn("Message");
            foreach (var w in report.Warnings.Take(50))
            {
                warnings.AddRow(Markup.Escape(w.Code), Markup.Escape(Trim(w.Path ?? "", 50)), Markup.Escape(Trim(w.Message, 90)));
            }

            console.Write(warnings);
            if (report.Warnings.Count > 50)
            {
                console.WriteLine($"… and {report.Warnings.Count - 50} more warnings (see --format json)");
            }
        }
    }

    // "registry/hardened/debian:12 (1 layer of 3, matched by layers); annotation trusted; 4 base findings hidden".
    private static string BaseLine(Base.BaseReport b)
    {
        var line = b.DetectedBy == "layers"
            ? $"{b.Name} ({b.Layers} layer{(b.Layers == 1 ? "" : "s")}, matched by layers)"
            : $"{b.Name ?? b.Digest} (annotated only: no catalog base matches the layers)";
        if (b.Annotation is { } a && b.DetectedBy == "layers")
        {
            line += a.Trusted ? "; annotation agrees" : $"; annotation not trusted: {a.Note}";
        }

        return b.HiddenFindings > 0 ? line + $"; {b.HiddenFindings} base findings hidden (--ignore-base)" : line;
    }

    private static void WriteVulnerabilities(ScanReport report, IAnsiConsole console, bool showSuppressed)
    {
        if (report.Warnings.Any(w => w.Code == "no-advisory-database"))
        {
            console.MarkupLine("[bold]Vulnerabilities:[/] [yellow]not checked[/] (no advisory database: 'drydock db update', or 'drydock db build --source …')");
            return;
        }

        var counts = Vulnerabilities.SeverityCounts.Of(report.Vulnerabilities);
        console.MarkupLine($"[bold]Vulnerabilities:[/] {report.Vulnerabilities.Count:N0} ({counts})"
            + (report.SuppressedVulnerabilities.Count > 0 ? $", {report.SuppressedVulnerabilities.Count:N0} suppressed" : string.Empty));
        foreach (var notChecked in report.Warnings.Where(w => w.Code == Detection.Vulnerabilities.VulnerabilityMatcher.OsPackagesNotMatched))
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(notChecked.Message)}[/]");
        }

        foreach (var group in report.Vulnerabilities.GroupBy(v => (v.Package.Purl, v.Package.Path)).OrderByDescending(g => g.Max(v => Rank(v.Severity))).ThenBy(g => g.Key.Purl, StringComparer.Ordinal))
        {
            var first = group.First();
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"{first.Package.Type}:{(first.Package.Namespace is null ? "" : first.Package.Namespace + "/")}{first.Package.Name} {first.InstalledVersion} ({Vulnerabilities.SeverityCounts.Of(group)})"))
                .AddColumn("Vulnerability").AddColumn("Severity").AddColumn("Status").AddColumn("Fixed in").AddColumn("Title");
            foreach (var v in group)
            {
                var id = v.Id + (v.Kev is null ? "" : " (KEV)");
                table.AddRow(Markup.Escape(id), SeverityMarkup(v.Severity), Markup.Escape(v.Status), Markup.Escape(Trim(string.Join(", ", v.FixedVersions), 30)), Markup.Escape(Trim(v.Title ?? "", 60)));
            }

            console.Write(table);
        }

        if (showSuppressed && report.SuppressedVulnerabilities.Count > 0)
        {
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Suppressed findings")
                .AddColumn("Vulnerability").AddColumn("Package").AddColumn("Severity").AddColumn("Suppressed by");
            foreach (var v in report.SuppressedVulnerabilities)
            {
                table.AddRow(Markup.Escape(v.Id), Markup.Escape($"{v.Package.Name} {v.InstalledVersion}"), SeverityMarkup(v.Severity), Markup.Escape(v.SuppressedBy ?? ""));
            }

            console.Write(table);
        }
    }

    // The verdict on one line, then one short table per category: what, where, which layer, the first evidence.
    private static void WriteMalware(ScanReport report, IAnsiConsole console)
    {
        if (report.Verdict is not { } verdict)
        {
            return;
        }

        var word = verdict.Verdict switch
        {
            Detection.Malware.VerdictKind.Malicious => "[bold red]malicious[/]",
            Detection.Malware.VerdictKind.Suspicious => "[yellow]suspicious[/]",
            _ => "[green]clean[/]",
        };
        var categories = verdict.Categories.Count > 0 ? $" ({Markup.Escape(string.Join(", ", verdict.Categories))})" : "";
        console.MarkupLine($"[bold]Malware:[/] {word}{categories}, {report.Malware.Count:N0} finding{(report.Malware.Count == 1 ? "" : "s")}");
        var layerIndex = report.Artifact.Layers.Where(l => l.DiffId is not null).ToDictionary(l => l.DiffId!, l => l.Index);
        foreach (var group in report.Malware.GroupBy(f => f.Category).OrderBy(g => CategoryOrder(g.Key)))
        {
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{group.Key} ({group.Count()})"))
                .AddColumn("Confidence").AddColumn("Rule").AddColumn("Path").AddColumn("Layer").AddColumn("Evidence");
            foreach (var f in group)
            {
                var layer = f.Layer is { } l && layerIndex.TryGetValue(l, out var i) ? $"layer {i}" : "";
                if (f.Deleted)
                {
                    layer += f.DeletedIn is { } d && layerIndex.TryGetValue(d, out var j) ? $", deleted in layer {j}" : ", deleted";
                }

                var evidence = f.Evidence.Count == 0 ? "" : f.Evidence[0].Value + (f.Evidence.Count > 1 ? $" (+{f.Evidence.Count - 1})" : "");
                table.AddRow(ConfidenceMarkup(f.Confidence), Markup.Escape(f.RuleId), Markup.Escape(Trim(f.Path ?? f.Package ?? "", 50)),
                    Markup.Escape(layer), Markup.Escape(Trim(evidence, 45)));
            }

            console.Write(table);
        }
    }

    private static int CategoryOrder(string category)
    {
        var i = Analysis.Content.ThreatCategory.All.ToList().IndexOf(category);
        return i < 0 ? int.MaxValue : i;
    }

    private static string ConfidenceMarkup(Analysis.Content.Confidence confidence) => confidence switch
    {
        Analysis.Content.Confidence.High => "[red]high[/]",
        Analysis.Content.Confidence.Medium => "[yellow]medium[/]",
        _ => "low",
    };

    private static int Rank(string severity) => Array.IndexOf(Vulnerabilities.SeverityCounts.Order, severity);

    internal static string SeverityMarkup(string severity) => severity switch
    {
        "critical" => "[bold red]critical[/]",
        "high" => "[red]high[/]",
        "medium" => "[yellow]medium[/]",
        "low" => "[blue]low[/]",
        _ => "unknown",
    };

    internal static string Short(string? digest) => digest is null ? "-" : digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..19] : Trim(digest, 19);

    /// <summary>A 140-column console over <paramref name="output"/>, coloured only when asked.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output, bool color) => IO.TextConsole.For(output, color);

    internal static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>A byte count in binary units.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : $"{value:0.0} {units[unit]}";
    }
}
