using Drydock.Cluster.Grains;
using Drydock.Cluster.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Drydock.Cluster.Frontier;

/// <summary>Each worker's loop over the durable frontier: takes up to <see cref="WorkerSettings.Parallelism"/> items under lease, hands
/// each to its manifest grain, renews the lease while the grain works and finishes it afterwards. Stops taking items on shutdown and
/// waits for the scans in flight (an interrupted one is simply taken again elsewhere when its lease expires).</summary>
public sealed partial class FrontierPump(WorkerSettings settings, WorkerResources resources, IGrainFactory grains, IHostApplicationLifetime lifetime,
    ILogger<FrontierPump> logger)
    : BackgroundService
{
    private readonly FrontierLeases _leases = new(resources.Database);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false); // the silo is active once every hosted service has started
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var sweep = StartSweepAsync(stoppingToken);
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                LeasedItem? item = null;
                if (inFlight.Count < settings.Parallelism)
                {
                    try
                    {
                        item = await _leases.TryTakeAsync(settings.Name, settings.Lease, settings.MaxAttempts, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogTakeFailed(e.Message); // the database was busy or away: the worker keeps going and looks again
                    }
                }

                if (item is not null)
                {
                    inFlight.Add(ProcessAsync(item));
                    continue;
                }

                var idle = Task.Delay(settings.Poll, stoppingToken);
                await Task.WhenAny([idle, .. inFlight]).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll([.. inFlight, sweep]).ConfigureAwait(false);
    }

    // Registering the sweep reminder activates a grain, which fails while the cluster still lists a silo that died (its directory
    // partition is unreachable until membership declares it dead): retried in the background, never fatal to the worker.
    private async Task StartSweepAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<IFrontierSweepGrain>("frontier").StartAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepRetry(e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Not cancelled by shutdown: a scan in flight finishes (within the host's shutdown timeout) so its lease need not expire.
    private async Task ProcessAsync(LeasedItem item)
    {
        using var renewing = new CancellationTokenSource();
        var renewal = RenewAsync(item, renewing.Token);
        try
        {
            var outcome = await CallAsync(item).ConfigureAwait(false);
            LogScanned(item.Reference, outcome.AlreadyDone, outcome.LayersAnalysed, outcome.LayersReused, outcome.Error);
            await _leases.FinishAsync(item.Item, settings.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The lease is left to expire: another worker (or this one) takes the item again.
            LogLost(item.Reference, e.Message);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    // A call can fail because a silo died under it (the grain, or a layer grain it called, was there): the next call activates
    // the grain again, which finishes the scan or finds the result already stored.
    private async Task<ManifestOutcome> CallAsync(LeasedItem item)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IManifestGrain>(item.Item).ScanAsync(item.Reference).ConfigureAwait(false);
            }
            catch (OrleansException e) when (attempt < 4)
            {
                LogRetry(item.Reference, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2)).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewAsync(LeasedItem item, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(settings.Lease / 3, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!await _leases.RenewAsync(item.Item, settings.Name, settings.Lease, cancellationToken).ConfigureAwait(false))
                    {
                        LogLeaseLost(item.Reference);
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewFailed(item.Reference, e.Message); // the database was busy or away: try again next time
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Reference}: done (already stored: {AlreadyDone}; layers analysed {Analysed}, reused {Reused}; error: {Error})")]
    private partial void LogScanned(string reference, bool alreadyDone, int analysed, int reused, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reference}: not finished, left for another worker ({Reason})")]
    private partial void LogLost(string reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reference}: calling its grain again ({Reason})")]
    private partial void LogRetry(string reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not take a frontier item this time ({Reason})")]
    private partial void LogTakeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the frontier sweep is not registered yet, trying again ({Reason})")]
    private partial void LogSweepRetry(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reference}: lease not renewed this time ({Reason})")]
    private partial void LogRenewFailed(string reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reference}: the lease was taken over by another worker")]
    private partial void LogLeaseLost(string reference);
}
