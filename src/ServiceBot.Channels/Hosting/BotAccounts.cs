using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Channels.Hosting;

/// <summary>The channel account a bot speaks as on channels ServiceBot hosts itself (Direct Line, the widget).</summary>
internal sealed class BotAccounts(IServiceProvider services)
{
    /// <summary>The account of <paramref name="botId"/> (the default bot when null), named as its bot.yaml names it.</summary>
    public ChannelAccount For(string? botId)
    {
        var bot = Find(botId);
        return new ChannelAccount { Id = bot?.Id ?? botId ?? "bot", Name = bot?.Name ?? botId ?? "bot", Role = "bot" };
    }

    /// <summary>True when the server hosts <paramref name="botId"/>, or when no catalog is registered to ask.</summary>
    public bool Exists(string botId) => services.GetService<IBotCatalog>() is not { } catalog || catalog.TryGet(botId, out _);

    /// <summary>The bot's definition, or null when it is unknown or no catalog is registered.</summary>
    public BotDefinition? Find(string? botId)
    {
        var catalog = services.GetService<IBotCatalog>();
        if (catalog is null)
        {
            return null;
        }

        try
        {
            return botId is null ? catalog.Default : catalog.TryGet(botId, out var found) ? found : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
