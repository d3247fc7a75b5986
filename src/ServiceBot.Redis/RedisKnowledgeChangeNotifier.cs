using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Knowledge;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>
/// Knowledge changes across replicas over Redis pub/sub. Subscribers on the publishing replica are
/// called directly before the notice is published, so an edit is visible to this replica's next
/// turn at once; other replicas get it from Redis and skip notices they published themselves.
/// </summary>
/// <remarks>Thread-safe. Pub/sub is at most once; subscribers also compare KB revisions periodically.</remarks>
internal sealed partial class RedisKnowledgeChangeNotifier : IKnowledgeChangeNotifier, IDisposable
{
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisKnowledgeChangeNotifier> _logger;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel;
    private readonly Lock _gate = new();
    private Func<KnowledgeChange, CancellationToken, ValueTask>[] _handlers = [];
    private bool _subscribed;

    public RedisKnowledgeChangeNotifier(RedisConnection redis, ILogger<RedisKnowledgeChangeNotifier> logger)
    {
        _redis = redis;
        _logger = logger;
        _channel = new RedisChannel(redis.Options.KeyPrefix + "kb-changes", RedisChannel.PatternMode.Literal);
    }

    public async ValueTask PublishAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        var stamped = change with { Origin = _origin };
        await DeliverAsync(stamped, cancellationToken).ConfigureAwait(false);
        await _redis.Subscriber.PublishAsync(_channel, JsonSerializer.Serialize(stamped, ActivityJson.Options)).ConfigureAwait(false);
    }

    public IDisposable Subscribe(Func<KnowledgeChange, CancellationToken, ValueTask> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
            if (!_subscribed)
            {
                _redis.Subscriber.Subscribe(_channel, OnMessage);
                _subscribed = true;
            }
        }

        return new Subscription(this, handler);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_subscribed)
            {
                _redis.Subscriber.Unsubscribe(_channel, OnMessage);
                _subscribed = false;
            }
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        KnowledgeChange? change;
        try
        {
            change = JsonSerializer.Deserialize<KnowledgeChange>((string)message!, ActivityJson.Options);
        }
        catch (JsonException e)
        {
            LogBadMessage(_logger, e);
            return;
        }

        if (change is null || change.Origin == _origin)
        {
            return;
        }

        _ = Task.Run(() => DeliverAsync(change, CancellationToken.None).AsTask());
    }

    private async ValueTask DeliverAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                await handler(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandlerFailed(_logger, e, change.BotId);
            }
        }
    }

    private void Unsubscribe(Func<KnowledgeChange, CancellationToken, ValueTask> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed knowledge change notice.")]
    private static partial void LogBadMessage(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A knowledge change subscriber failed for bot '{BotId}'.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string botId);

    private sealed class Subscription(RedisKnowledgeChangeNotifier owner, Func<KnowledgeChange, CancellationToken, ValueTask> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
