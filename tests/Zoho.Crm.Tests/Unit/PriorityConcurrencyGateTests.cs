namespace Zoho.Crm.Tests.Unit;

public class PriorityConcurrencyGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_freed_slot_goes_to_high_priority_waiters_first_and_to_each_priority_in_arrival_order()
    {
        var gate = new PriorityConcurrencyGate(1);
        await gate.EnterAsync(CallPriority.Normal, CancellationToken.None);
        var waiters = new (string Name, Task Entered)[]
        {
            ("normal 1", gate.EnterAsync(CallPriority.Normal, CancellationToken.None)),
            ("normal 2", gate.EnterAsync(CallPriority.Normal, CancellationToken.None)),
            ("high 1", gate.EnterAsync(CallPriority.High, CancellationToken.None)),
            ("normal 3", gate.EnterAsync(CallPriority.Normal, CancellationToken.None)),
            ("high 2", gate.EnterAsync(CallPriority.High, CancellationToken.None)),
        };

        var order = new List<string>();
        for (var released = 0; released < waiters.Length; released++)
        {
            // A waiter's task completes inside Release (only its continuations run later), so each release admits exactly one.
            gate.Release();
            var admitted = waiters.Where(w => w.Entered.IsCompletedSuccessfully).Select(w => w.Name).Except(order).ToList();
            Assert.Single(admitted);
            order.AddRange(admitted);
            Assert.Equal(1, gate.Held);
        }

        Assert.Equal(["high 1", "high 2", "normal 1", "normal 2", "normal 3"], order);
        gate.Release();
        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public async Task A_released_slot_passes_straight_to_a_waiter_so_a_newcomer_cannot_take_it()
    {
        var gate = new PriorityConcurrencyGate(1);
        await gate.EnterAsync(CallPriority.Normal, CancellationToken.None);
        var first = gate.EnterAsync(CallPriority.High, CancellationToken.None);

        gate.Release();
        var second = gate.EnterAsync(CallPriority.High, CancellationToken.None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Waiting(CallPriority.High));
    }

    [Fact]
    public async Task Under_concurrent_load_with_cancellations_the_limit_holds_and_every_slot_comes_back()
    {
        const int limit = 3;
        var gate = new PriorityConcurrencyGate(limit);
        var holders = 0;
        var peak = 0;
        var cancelled = 0;

        async Task WorkAsync(int worker)
        {
            var random = new Random(worker);
            for (var i = 0; i < 100; i++)
            {
                var priority = random.Next(4) == 0 ? CallPriority.High : CallPriority.Normal;
                using var cancel = new CancellationTokenSource();
                if (random.Next(5) == 0)
                {
                    cancel.CancelAfter(random.Next(3));
                }

                try
                {
                    await gate.EnterAsync(priority, cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    continue;
                }

                try
                {
                    var now = Interlocked.Increment(ref holders);
                    InterlockedMax(ref peak, now);
                    await Task.Yield();
                }
                finally
                {
                    Interlocked.Decrement(ref holders);
                    gate.Release();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 32).Select(w => Task.Run(() => WorkAsync(w)))).WaitAsync(Deadline);

        Assert.InRange(peak, 1, limit);
        Assert.Equal(0, gate.Held);
        Assert.Equal(0, gate.Waiting(CallPriority.Normal));
        Assert.Equal(0, gate.Waiting(CallPriority.High));
        // The slots still all work: nothing was lost to a cancelled waiter.
        for (var i = 0; i < limit; i++)
        {
            Assert.True(gate.EnterAsync(CallPriority.Normal, CancellationToken.None).IsCompletedSuccessfully);
        }

        Assert.False(gate.EnterAsync(CallPriority.Normal, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_a_slot_and_the_next_waiter_gets_the_freed_one()
    {
        var gate = new PriorityConcurrencyGate(1);
        await gate.EnterAsync(CallPriority.Normal, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelledWaiter = gate.EnterAsync(CallPriority.High, cancel.Token);
        var nextWaiter = gate.EnterAsync(CallPriority.Normal, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledWaiter);
        Assert.Equal(0, gate.Waiting(CallPriority.High));

        gate.Release();
        Assert.True(nextWaiter.IsCompletedSuccessfully);
        Assert.Equal(1, gate.Held);

        gate.Release();
        Assert.Equal(0, gate.Held);
        // The cancelled waiter never held a slot, so there is nothing left to release.
        Assert.Throws<InvalidOperationException>(gate.Release);
    }

    [Fact]
    public async Task A_waiter_timing_out_leaves_the_holder_and_the_limit_as_they_were()
    {
        var gate = new PriorityConcurrencyGate(1);
        await gate.EnterAsync(CallPriority.Normal, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(CallPriority.Normal, timeout.Token)).WaitAsync(Deadline);

        Assert.Equal(1, gate.Held);
        Assert.Equal(0, gate.Waiting(CallPriority.Normal));
        gate.Release();
        Assert.True(gate.EnterAsync(CallPriority.Normal, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancelling_after_the_slot_was_handed_over_keeps_the_slot_with_the_waiter()
    {
        var gate = new PriorityConcurrencyGate(1);
        await gate.EnterAsync(CallPriority.Normal, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiter = gate.EnterAsync(CallPriority.Normal, cancel.Token);

        gate.Release();
        await cancel.CancelAsync();

        await waiter;
        Assert.Equal(1, gate.Held);
        gate.Release();
        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public async Task An_already_cancelled_caller_gets_no_slot_even_when_one_is_free()
    {
        var gate = new PriorityConcurrencyGate(2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(CallPriority.High, new CancellationToken(canceled: true)));

        Assert.Equal(0, gate.Held);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
