using Drydock.Cluster.Frontier;
using Drydock.Cluster.Hosting;

namespace Drydock.Cluster.Grains;

/// <summary>Fails frontier items that reached the attempt limit without a live lease, on a one-minute reminder.</summary>
public sealed class FrontierSweepGrain(WorkerResources resources, WorkerSettings settings) : Grain, IFrontierSweepGrain, IRemindable
{
    private const string ReminderName = "sweep";

    /// <inheritdoc />
    public async Task StartAsync()
        => await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)).ConfigureAwait(true);

    /// <inheritdoc />
    public Task<int> SweepAsync() => new FrontierLeases(resources.Database).FailExhaustedAsync(settings.MaxAttempts, CancellationToken.None);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();
}
