using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Drydock.Admission;
using Drydock.Advisories;
using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Policy;
using Drydock.Project;
using Drydock.References;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Drydock.Cli.Serve;

/// <summary>The admission webhook's HTTP host (Kestrel): <c>POST /validate</c>, <c>/healthz</c>, <c>/readyz</c> and
/// <c>/metrics</c> over the library's <see cref="AdmissionController"/>.</summary>
internal sealed class AdmissionServer : IAsyncDisposable
{
    /// <summary>The largest request body accepted (the API server's own objects stay under 1.5 MiB).</summary>
    private const long MaxBodyBytes = 4 * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly ServeSettings _settings;
    private readonly AdmissionController _controller;
    private readonly AdmissionMetrics _metrics;
    private readonly VerdictCache _cache;
    private readonly IAsyncDisposable[] _owned;
    private readonly AuditLog _audit;
    private readonly TextWriter _log;

    private AdmissionServer(WebApplication app, ServeSettings settings, AdmissionController controller, AdmissionMetrics metrics, VerdictCache cache,
        AuditLog audit, TextWriter log, params IAsyncDisposable[] owned)
    {
        (_app, _settings, _controller, _metrics, _cache, _audit, _log, _owned) = (app, settings, controller, metrics, cache, audit, log, owned);
    }

    /// <summary>The address Kestrel bound (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The counters (for tests and the metrics endpoint).</summary>
    public AdmissionMetrics Metrics => _metrics;

    /// <summary>Loads the policy, opens the caches and starts listening; a bad policy, certificate or database is a
    /// <see cref="DrydockInputException"/> before anything listens.</summary>
    public static async Task<AdmissionServer> StartAsync(ServeSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var policy = PolicyParser.Load(settings.PolicyPath);
        var certificate = settings.InsecureHttp ? null : LoadCertificate(settings);
        if (settings.AdvisoryDatabaseNamed && !File.Exists(settings.AdvisoryDatabase))
        {
            throw new DrydockInputException($"--advisory-db {settings.AdvisoryDatabase}: no such file (build one with 'drydock db build')");
        }

        if (settings.Catalog is { } location)
        {
            // Opened once here so a bad location fails at start, and migrations run before the first scan.
            await (await ProjectDatabase.OpenAsync(location, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }

        var metrics = new AdmissionMetrics();
        var audit = settings.AuditLogPath is { } path ? AuditLog.OpenFile(path) : new AuditLog(log, ownsWriter: false);
        var layerCache = await SqliteLayerResultStore.OpenAsync(settings.CacheDirectory, cancellationToken).ConfigureAwait(false);
        var source = new SourceOptions
        {
            InsecureRegistries = settings.InsecureRegistries,

            // A webhook answers within seconds: one quick retry, then the failure mode decides.
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        var scanOptions = new ScanOptions { Source = source, ScratchDirectory = Path.Combine(settings.CacheDirectory, "tmp") };
        var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.For(settings.Scanners), layerCache, new LayerAnalysisGate());
        var assessor = new ImageAssessor(scanner, scanOptions, new AssessmentSources(settings.Scanners, settings.AdvisoryDatabase, settings.Catalog));
        var cache = new VerdictCache(
            async (pinned, ct) => PolicySubjectMapper.From(await assessor.AssessAsync(ImageReference.ForRegistry(pinned), ct).ConfigureAwait(false)),
            metrics, new VerdictCacheLimits());
        var resolver = new DigestResolver(new RegistryImageSource(), source, settings.Admission.DigestTtl, TimeProvider.System);
        var controller = new AdmissionController(policy, resolver, cache, settings.Admission, metrics, audit, TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "drydock" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Listen(settings.Listen, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        var server = new AdmissionServer(app, settings, controller, metrics, cache, audit, log, resolver, layerCache);
        app.MapPost("/validate", new RequestDelegate(server.ValidateAsync));
        app.MapGet("/healthz", new RequestDelegate(context => Text(context, StatusCodes.Status200OK, "ok\n")));
        app.MapGet("/readyz", new RequestDelegate(server.ReadyAsync));
        app.MapGet("/metrics", new RequestDelegate(server.MetricsAsync));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new DrydockInputException($"--listen {settings.Listen}: {e.Message}", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        server.Address = new Uri(bound ?? $"{(certificate is null ? "http" : "https")}://{settings.Listen}");
        return server;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static X509Certificate2 LoadCertificate(ServeSettings settings)
    {
        if (settings.TlsCertificate is not { } cert || settings.TlsKey is not { } key)
        {
            throw new DrydockInputException("--tls-cert and --tls-key are required (or --insecure-http for plain HTTP, for local testing only)");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(cert, key);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DrydockInputException($"--tls-cert {cert} --tls-key {key}: {e.Message}", e);
        }
    }

    private async Task ValidateAsync(HttpContext context)
    {
        AdmissionReview answer;
        try
        {
            var review = await JsonSerializer.DeserializeAsync(context.Request.Body, AdmissionJsonContext.Default.AdmissionReview, context.RequestAborted).ConfigureAwait(false)
                ?? throw new DrydockInputException("the body is JSON null");
            answer = await _controller.ReviewAsync(review, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or DrydockInputException)
        {
            _metrics.BadRequest();
            await Text(context, StatusCodes.Status400BadRequest, $"not an AdmissionReview: {e.Message.Split('\n')[0]}\n").ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e)
        {
            _metrics.BadRequest();
            await Text(context, e.StatusCode, e.Message + "\n").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, AdmissionJsonContext.Default.AdmissionReview, context.RequestAborted).ConfigureAwait(false);
    }

    // Ready when the policy is loaded (it is, or the server would not have started) and the databases it reads open.
    private async Task ReadyAsync(HttpContext context)
    {
        var problems = new List<string>();
        if (_settings.AdvisoryDatabaseNamed || File.Exists(_settings.AdvisoryDatabase))
        {
            try
            {
                AdvisoryStore.Open(_settings.AdvisoryDatabase).Dispose();
            }
            catch (Exception e)
            {
                problems.Add($"advisory database {_settings.AdvisoryDatabase}: {e.Message.Split('\n')[0]}");
            }
        }

        if (_settings.Catalog is { } location)
        {
            try
            {
                await (await ProjectDatabase.OpenAsync(location, context.RequestAborted).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"project database {location.Display}: {e.Message.Split('\n')[0]}");
            }
        }

        await (problems.Count == 0
            ? Text(context, StatusCodes.Status200OK, "ready\n")
            : Text(context, StatusCodes.Status503ServiceUnavailable, string.Join("\n", problems) + "\n")).ConfigureAwait(false);
    }

    private Task MetricsAsync(HttpContext context)
    {
        var text = new StringWriter();
        _metrics.WriteTo(text, _cache.Count);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Stops listening and closes the caches, the registry clients and the audit log.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        _audit.Dispose();
        await _log.FlushAsync().ConfigureAwait(false);
    }
}
