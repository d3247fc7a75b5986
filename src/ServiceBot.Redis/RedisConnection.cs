using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>The one multiplexed connection every Redis store shares, opened on first use.</summary>
/// <remarks>
/// Thread-safe. StackExchange.Redis reconnects by itself after a failure; while Redis is down,
/// store calls fail fast and the turn-error handler answers the customer politely.
/// </remarks>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        Options = options.Value;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var configuration = ConfigurationOptions.Parse(Options.Configuration ?? throw new InvalidOperationException("ServiceBot:Redis:Configuration is not set."));
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
    }

    public RedisOptions Options { get; }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.Value.GetSubscriber();

    public RedisKey Key(string kind, string name) => Options.KeyPrefix + kind + ":" + name;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
