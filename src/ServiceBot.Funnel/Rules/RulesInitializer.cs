using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// Compiles a bot's rules when the bot loads, so a broken rules file (or an intent the bot does not
/// know) fails the bot with a clear error instead of its first turn.
/// </summary>
internal sealed class RulesInitializer(RuleBookRegistry registry) : IBotInitializer
{
    public string Name => "rules";

    public async ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken) =>
        await registry.LoadAsync(bot, cancellationToken).ConfigureAwait(false);
}
