using ServiceBot.Abstractions.Bots;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>Compiles a bot's word lists and rules when the bot loads, so a broken list fails the bot with a clear error instead of its first turn.</summary>
internal sealed class RejectorInitializer(RejectorRegistry registry) : IBotInitializer
{
    public string Name => "rejector";

    public ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        registry.Load(bot);
        return ValueTask.CompletedTask;
    }
}
