using ServiceBot.Abstractions.State;

namespace ServiceBot.Core.State;

/// <summary>
/// Per-conversation locks within one process. Lease expiry does not apply: a holder can only die
/// with the process, which takes the lock with it.
/// </summary>
/// <remarks>Thread-safe; an unused conversation's lock is dropped so memory does not grow with conversations.</remarks>
internal sealed class InMemoryConversationLock : IConversationLock
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        Slot slot;
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out slot!))
            {
                slot = new Slot();
                _slots[key] = slot;
            }

            slot.Users++;
        }

        var acquired = false;
        try
        {
            acquired = await slot.Semaphore.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!acquired)
            {
                Leave(key, slot);
            }
        }

        return acquired ? new Handle(this, key, slot) : throw new ConversationLockTimeoutException(key, wait);
    }

    private void Leave(string key, Slot slot)
    {
        lock (_gate)
        {
            if (--slot.Users == 0)
            {
                _slots.Remove(key);
                slot.Semaphore.Dispose();
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Handle(InMemoryConversationLock owner, string key, Slot slot) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slot.Semaphore.Release();
                owner.Leave(key, slot);
            }

            return ValueTask.CompletedTask;
        }
    }
}
