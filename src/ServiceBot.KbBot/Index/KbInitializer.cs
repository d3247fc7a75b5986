using ServiceBot.Abstractions.Bots;

namespace ServiceBot.KbBot.Index;

/// <summary>Builds each bot's KB indexes when it loads (seeding an empty knowledge store from its files).</summary>
internal sealed class KbInitializer(KbService service) : IBotInitializer
{
    public string Name => "kbbot";

    public ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken) => service.LoadAsync(bot, cancellationToken);
}
