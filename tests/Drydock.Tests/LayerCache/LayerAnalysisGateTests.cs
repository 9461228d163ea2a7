using Drydock.LayerCache;
using Drydock.References;

namespace Drydock.Tests.LayerCache;

public sealed class LayerAnalysisGateTests
{
    private static LayerCacheKey Key(string name) => new("key-" + name, Digest.Sha256Of(System.Text.Encoding.UTF8.GetBytes(name)));

    [Fact]
    public async Task One_holder_per_key_at_a_time_and_nothing_kept_afterwards()
    {
        var gate = new LayerAnalysisGate();
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            using (await gate.EnterAsync(Key("shared"), CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal(1, most);
        Assert.Equal(0, gate.ActiveKeys);
    }

    [Fact]
    public async Task Different_keys_do_not_wait_for_each_other()
    {
        var gate = new LayerAnalysisGate();
        using var a = await gate.EnterAsync(Key("a"), CancellationToken.None);
        var b = gate.EnterAsync(Key("b"), CancellationToken.None);
        Assert.True(b.IsCompleted);
        (await b).Dispose();
        Assert.Equal(1, gate.ActiveKeys);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_nothing_behind_and_the_next_one_enters()
    {
        var gate = new LayerAnalysisGate();
        var first = await gate.EnterAsync(Key("k"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(Key("k"), cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        first.Dispose(); // a second dispose releases nothing twice
        Assert.Equal(0, gate.ActiveKeys);
        using var again = await gate.EnterAsync(Key("k"), CancellationToken.None);
        Assert.Equal(1, gate.ActiveKeys);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
