namespace ServiceBot.Testing;

/// <summary>One real redis-server shared by the tests of a class (<c>IClassFixture&lt;RedisFixture&gt;</c>).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.IsInstalled)
        {
            _server = await RedisServer.StartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The server, or a skipped test when redis-server is not installed.</summary>
    public RedisServer Require()
    {
        if (_server is null)
        {
            Assert.Skip("redis-server is not installed; run scripts/setup.sh test.");
        }

        return _server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
