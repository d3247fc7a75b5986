using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// The Direct Line conversations this server holds, in memory: created by token or conversation
/// requests, forgotten after <see cref="DirectLineOptions.ConversationRetention"/> without activity
/// or when <see cref="DirectLineOptions.MaxConversations"/> is reached (longest idle first).
/// </summary>
/// <remarks>
/// Thread-safe. A conversation lives on the replica that created it; behind a load balancer,
/// route <c>/v3/directline/conversations/{id}</c> by conversation id (sticky sessions), since the
/// conversation state the turns use is shared but this transcript is not.
/// </remarks>
internal sealed class DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options = options.Value;
    private long _lastSweep = time.GetTimestamp();

    public int Count => _conversations.Count;

    /// <summary>A new, empty conversation with the given bot.</summary>
    public DirectLineConversation Create(string? botId)
    {
        SweepIfDue();
        var now = time.GetUtcNow();
        while (true)
        {
            var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            var conversation = new DirectLineConversation(id, botId, now, _options.HistoryLimit);
            if (_conversations.TryAdd(id, conversation))
            {
                return conversation;
            }
        }
    }

    /// <summary>
    /// The conversation a valid token names, recreated (empty) when this server no longer holds it, e.g.
    /// after a restart: the token is proof enough, and the conversation's state lives on in the state store.
    /// </summary>
    public DirectLineConversation Restore(DirectLineToken grant) =>
        _conversations.GetOrAdd(grant.ConversationId, static (id, args) => new DirectLineConversation(id, args.Grant.BotId, args.Now, args.Limit), (Grant: grant, Now: time.GetUtcNow(), Limit: _options.HistoryLimit));

    /// <summary>Finds a conversation that has not been forgotten.</summary>
    public bool TryGet(string id, out DirectLineConversation conversation) => _conversations.TryGetValue(id, out conversation!);

    /// <summary>Forgets idle conversations now; normally this happens by itself as conversations are created.</summary>
    public void Sweep() => Sweep(reserve: 0);

    private void Sweep(int reserve)
    {
        Interlocked.Exchange(ref _lastSweep, time.GetTimestamp());
        var cutoff = time.GetUtcNow() - _options.ConversationRetention;
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.LastActivityAt < cutoff)
            {
                Forget(id);
            }
        }

        var excess = _conversations.Count + reserve - _options.MaxConversations;
        if (excess > 0)
        {
            foreach (var (id, _) in _conversations.OrderBy(p => p.Value.LastActivityAt).Take(excess).ToList())
            {
                Forget(id);
            }
        }
    }

    private void SweepIfDue()
    {
        if (_conversations.Count >= _options.MaxConversations || time.GetElapsedTime(Interlocked.Read(ref _lastSweep)) >= SweepInterval)
        {
            Sweep(reserve: 1);
        }
    }

    private void Forget(string id)
    {
        if (_conversations.TryRemove(id, out var conversation))
        {
            conversation.Close();
        }
    }
}
