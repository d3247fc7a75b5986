using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>
/// A real server with the channels (AddServiceBotChannels + MapServiceBotChannels) in front of a
/// <see cref="ScriptedTurnProcessor"/>, on a free loopback port.
/// </summary>
public sealed class ChannelHost : IAsyncDisposable
{
    private ChannelHost(LoopbackHost host, ScriptedTurnProcessor processor, InMemoryConversationLog log, TestClock clock)
    {
        Host = host;
        Processor = processor;
        Log = log;
        Clock = clock;
        Client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LoopbackHost Host { get; }

    public ScriptedTurnProcessor Processor { get; }

    public InMemoryConversationLog Log { get; }

    public TestClock Clock { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Host.BaseAddress;

    public static async Task<ChannelHost> StartAsync(IDictionary<string, string?> settings, IBotCatalog? catalog = null, string? contentRoot = null)
    {
        var log = new InMemoryConversationLog();
        var processor = new ScriptedTurnProcessor(log);
        var clock = new TestClock();
        var host = await LoopbackHost.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<ITurnProcessor>(processor);
                builder.Services.AddSingleton<IConversationLog>(log);
                builder.Services.AddSingleton(catalog ?? new FixedBotCatalog());
                builder.Services.AddServiceBotChannels(builder.Configuration);
            },
            app => app.MapServiceBotChannels(),
            contentRoot);
        return new ChannelHost(host, processor, log, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
