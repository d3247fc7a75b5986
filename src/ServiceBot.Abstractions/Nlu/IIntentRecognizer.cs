using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Nlu;

/// <summary>
/// The bot's intent classifier as seen from outside the responder that trains it: which intents a
/// bot knows, and which one a turn's message expresses. The funnel's rules use it for rules that
/// trigger by intent.
/// </summary>
/// <remarks>
/// Implementations are singletons and thread-safe. A turn is classified at most once: every caller
/// in the same turn, the owning responder included, shares one prediction kept in
/// <see cref="TurnContext.Features"/>. The analyze stage must have run before
/// <see cref="RecognizeAsync"/> is called.
/// </remarks>
public interface IIntentRecognizer
{
    /// <summary>
    /// The intent labels the bot's classifier can answer (its "no intent" class excluded), or null
    /// when the bot has no classifier. Waits for the bot's classifier if it is still being trained;
    /// a broken content file throws <see cref="BotDefinitionException"/>.
    /// </summary>
    ValueTask<IReadOnlySet<string>?> GetIntentsAsync(BotDefinition bot, CancellationToken cancellationToken);

    /// <summary>
    /// The most probable intent of the turn's message and its calibrated probability, or null when
    /// the bot has no classifier, its classifier is not trained yet (a turn never waits for
    /// training), or the message is most probably none of the bot's intents.
    /// </summary>
    ValueTask<RecognizedIntent?> RecognizeAsync(TurnContext turn, CancellationToken cancellationToken);
}
