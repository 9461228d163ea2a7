namespace Drydock.Cluster.Grains;

/// <summary>The frontier's housekeeper, one per cluster (key <c>frontier</c>): a reminder stored in PostgreSQL wakes it every minute,
/// on whichever worker is alive, to fail the items that keep losing their worker.</summary>
public interface IFrontierSweepGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder (idempotent; every worker calls it at start-up).</summary>
    Task StartAsync();

    /// <summary>Runs one sweep now; returns the items marked failed.</summary>
    Task<int> SweepAsync();
}
