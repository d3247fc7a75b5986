using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.DirectLine;

/// <summary>A channel server with a Direct Line secret, small pages (to exercise the watermark) and one allowed web origin.</summary>
public sealed class DirectLineFixture : IAsyncLifetime
{
    public const string Secret = "direct-line-secret-0123456789";
    public const string AllowedOrigin = "https://shop.example.com";

    public ChannelHost Server { get; private set; } = null!;

    public DirectLineClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await ChannelHost.StartAsync(Settings());
        Client = new DirectLineClient(Server.Client);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:DirectLine:Secret"] = Secret,
            ["ServiceBot:DirectLine:PageSize"] = "3",
            ["ServiceBot:DirectLine:AnonymousTokensPerMinute"] = "1000",
            ["ServiceBot:Cors:Origins:0"] = AllowedOrigin,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
