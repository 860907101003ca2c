namespace Zoho.Crm;

/// <summary>
/// At most a fixed number of holders at once, like a semaphore, but a freed slot goes to the oldest waiter of the
/// highest <see cref="CallPriority"/>: in a burst, job-status reads are not stuck behind the transfers queued before them.
/// </summary>
/// <remarks>
/// A freed slot is handed straight to a waiter (the count of holders does not drop in between), so a caller
/// arriving at that moment cannot take it first, and a slot is free only while nobody waits.
/// </remarks>
internal sealed class PriorityConcurrencyGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource>[] _waiting;
    private readonly int _limit;
    private int _held;

    public PriorityConcurrencyGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _waiting = [.. Enum.GetValues<CallPriority>().Select(_ => new LinkedList<TaskCompletionSource>())];
    }

    /// <summary>Slots taken now.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Callers waiting for a slot at this priority.</summary>
    public int Waiting(CallPriority priority)
    {
        lock (_lock)
        {
            return _waiting[(int)priority].Count;
        }
    }

    /// <summary>
    /// Completes once the caller holds a slot, which it must then <see cref="Release"/>. Cancelled while waiting, it
    /// throws and the caller holds nothing.
    /// </summary>
    public Task EnterAsync(CallPriority priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        LinkedListNode<TaskCompletionSource> waiter;
        lock (_lock)
        {
            if (_held < _limit)
            {
                _held++;
                return Task.CompletedTask;
            }

            // Continuations run off the releasing thread, which holds the lock when it hands the slot over.
            waiter = _waiting[(int)priority].AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : waiter.Value.Task;
    }

    /// <summary>Gives a slot back: to the next waiter if there is one, else to the pool.</summary>
    /// <exception cref="InvalidOperationException">More releases than slots taken.</exception>
    public void Release()
    {
        lock (_lock)
        {
            if (_held == 0)
            {
                throw new InvalidOperationException("Released a concurrency slot that was not held.");
            }

            for (var priority = _waiting.Length - 1; priority >= 0; priority--)
            {
                if (_waiting[priority].First is { } next)
                {
                    _waiting[priority].RemoveFirst();
                    next.Value.SetResult();
                    return;
                }
            }

            _held--;
        }
    }

    private async Task WaitAsync(LinkedListNode<TaskCompletionSource> waiter, CancellationToken cancellationToken)
    {
        // Registered after queueing: a token cancelled in between runs Cancel at once.
        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) => { var (gate, node) = ((PriorityConcurrencyGate, LinkedListNode<TaskCompletionSource>))state!; gate.Cancel(node, token); },
            (this, waiter));
        await waiter.Value.Task.ConfigureAwait(false);
    }

    private void Cancel(LinkedListNode<TaskCompletionSource> waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Still queued: leave without a slot. Already handed one (Release dequeued it under this lock): keep it, the
            // caller releases it as usual; cancelling then would lose the slot.
            if (waiter.List is { } queue)
            {
                queue.Remove(waiter);
                waiter.Value.SetCanceled(cancellationToken);
            }
        }
    }
}
