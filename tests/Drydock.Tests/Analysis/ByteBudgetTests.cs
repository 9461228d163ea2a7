using Drydock.Analysis;

namespace Drydock.Tests.Analysis;

/// <summary>The read-ahead bound between the layer walk and the analysis stage.</summary>
public sealed class ByteBudgetTests
{
    [Fact]
    public async Task Admits_one_oversized_item_alone_and_holds_the_next_until_bytes_come_back()
    {
        var budget = new ByteBudget(100);
        await budget.TakeAsync(250, CancellationToken.None); // nothing in flight: admitted however large

        var next = budget.TakeAsync(10, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);

        budget.Release(250);
        await next.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(10, budget.InFlight);

        await budget.TakeAsync(90, CancellationToken.None); // fits exactly
        Assert.Equal(100, budget.InFlight);
    }

    [Fact]
    public void TryTake_takes_only_what_fits()
    {
        var budget = new ByteBudget(100);
        Assert.True(budget.TryTake(150));
        Assert.False(budget.TryTake(1));
        budget.Release(150);
        Assert.True(budget.TryTake(60));
        Assert.False(budget.TryTake(41));
        Assert.True(budget.TryTake(40));
        Assert.Equal(100, budget.InFlight);
    }

    [Fact]
    public async Task A_waiting_take_ends_when_cancelled()
    {
        var budget = new ByteBudget(10);
        await budget.TakeAsync(10, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.TakeAsync(5, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
