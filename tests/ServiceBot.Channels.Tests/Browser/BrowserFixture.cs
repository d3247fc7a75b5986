using ServiceBot.Channels.Tests.DirectLine;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.Browser;

/// <summary>A channel server (Direct Line with anonymous widget tokens, the widget and the demo pages) for browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public ChannelHost Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await ChannelHost.StartAsync(DirectLineFixture.Settings());

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public Uri Page(string path) => new(Server.BaseAddress, path);
}
