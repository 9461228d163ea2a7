using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Drydock.Admission;
using Drydock.Analysis;
using Drydock.Cli.Serve;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock serve</c>: the Kubernetes validating admission webhook (docs/admission.md).</summary>
public static class ServeCommand
{
    /// <summary>Builds <c>drydock serve</c>.</summary>
    public static Command Create(CliContext context)
    {
        var listen = new Option<string>("--listen") { Description = "ADDRESS:PORT to listen on", DefaultValueFactory = _ => "0.0.0.0:8443" };
        var policy = new Option<string>("--policy", "-p") { Description = "The policy file (YAML, version 1: see docs/policy.md)", Required = true };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "The server certificate (PEM; its SAN must name the Service, e.g. drydock.drydock-system.svc)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The certificate's private key (PEM)" };
        var insecureHttp = new Option<bool>("--insecure-http") { Description = "Serve plain HTTP instead of TLS (local testing only: the API server requires HTTPS)" };
        var scanTimeout = new Option<string>("--scan-timeout") { Description = "How long a request waits for an image's digest and scan (e.g. 8s, 1500ms)", DefaultValueFactory = _ => "8s" };
        var digestTtl = new Option<string?>("--digest-ttl") { Description = "Reuse a tag's resolved digest for this long (e.g. 10s; default: ask the registry on every request)" };
        var failOpen = new Option<bool>("--fail-open") { Description = "Admit an image with no verdict in time or an unreachable registry (default: deny, fail-closed)" };
        var auditLog = new Option<string?>("--audit-log") { Description = "Append the JSON-lines audit log of every decision to FILE (default standard error)" };
        var advisoryDb = new Option<string?>("--advisory-db") { Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db when it exists)" };
        var scanners = new Option<string>("--scanners") { Description = $"Scanners to run besides the inventory, comma-separated ({string.Join(",", ScannerNames.All)})", DefaultValueFactory = _ => ScannerNames.Format(Scanners.All) };
        var insecureRegistry = new Option<string[]>("--insecure-registry") { Description = "Allow plain HTTP to this registry host[:port] (loopback is always allowed)" };
        var cacheDir = CacheOptions.CacheDirOption();
        var db = ProjectDatabaseOption.Create();
        var command = new Command("serve", "Run the Kubernetes admission webhook: POST /validate answers AdmissionReview requests with the policy's verdict on every image of a pod spec")
        {
            listen, policy, tlsCert, tlsKey, insecureHttp, scanTimeout, digestTtl, failOpen, auditLog, advisoryDb, scanners, insecureRegistry, cacheDir, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var insecure = parse.GetValue(insecureHttp);
            if (insecure && (parse.GetValue(tlsCert) is not null || parse.GetValue(tlsKey) is not null))
            {
                throw new DrydockInputException("--insecure-http and --tls-cert/--tls-key exclude each other");
            }

            var named = parse.GetValue(advisoryDb);
            var catalog = ProjectDatabaseOption.Resolve(parse.GetValue(db), out var chosen);
            var settings = new ServeSettings
            {
                Listen = ParseEndpoint(parse.GetValue(listen)!),
                PolicyPath = parse.GetValue(policy)!,
                TlsCertificate = parse.GetValue(tlsCert),
                TlsKey = parse.GetValue(tlsKey),
                InsecureHttp = insecure,
                Admission = new AdmissionOptions
                {
                    ScanTimeout = ParseDuration(parse.GetValue(scanTimeout)!, "--scan-timeout"),
                    DigestTtl = parse.GetValue(digestTtl) is { } ttl ? ParseDuration(ttl, "--digest-ttl") : TimeSpan.Zero,
                    FailOpen = parse.GetValue(failOpen),
                },
                AuditLogPath = parse.GetValue(auditLog) is { } a && a != "-" ? a : null,
                AdvisoryDatabase = named ?? DbCommand.DefaultDatabasePath(),
                AdvisoryDatabaseNamed = named is not null,
                Catalog = chosen || File.Exists(catalog.Target) ? catalog : null,
                CacheDirectory = parse.GetValue(cacheDir) ?? CachePaths.DefaultCacheDirectory(),
                Scanners = ScanCommand.ParseScanners(parse.GetValue(scanners)!),
                InsecureRegistries = new HashSet<string>(parse.GetValue(insecureRegistry) ?? [], StringComparer.OrdinalIgnoreCase),
            };
            // SIGTERM (how Kubernetes stops a pod) stops the server as Ctrl+C does: requests in flight finish first.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            await using var server = await AdmissionServer.StartAsync(settings, context.Error, stop.Token).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"drydock: serving the admission webhook on {server.Address} (policy {settings.PolicyPath}, " +
                $"{(settings.Admission.FailOpen ? "fail-open" : "fail-closed")}, scan budget {settings.Admission.ScanTimeout.TotalSeconds:0.###} s)").ConfigureAwait(false);
            await server.RunAsync(stop.Token).ConfigureAwait(false);
            await context.Error.WriteLineAsync("drydock: stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses <c>ADDRESS:PORT</c> (IPv6 in brackets).</summary>
    internal static IPEndPoint ParseEndpoint(string text)
        => IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal) && endpoint.Port is >= 0 and <= 65535
            ? endpoint
            : throw new DrydockInputException($"--listen {text}: expected ADDRESS:PORT with an IP address (e.g. 0.0.0.0:8443 or [::]:8443)");

    /// <summary>Parses a positive duration: a number with the unit ms, s or m (plain numbers are seconds).</summary>
    internal static TimeSpan ParseDuration(string text, string option)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * scale <= 3600
            ? TimeSpan.FromSeconds(value * scale)
            : throw new DrydockInputException($"{option} {text}: expected a positive duration up to an hour, such as 8s or 1500ms");
    }
}
