namespace ServiceBot.Redis;

/// <summary>Redis settings under <c>ServiceBot:Redis</c>. With no configuration, the embedded in-process stores are used.</summary>
public sealed class RedisOptions
{
    public const string Section = "ServiceBot:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379,password=…</c>; empty means Redis is not used.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "servicebot:";

    /// <summary>How long a conversation lock lives if its holder dies without releasing it.</summary>
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(60);
}
