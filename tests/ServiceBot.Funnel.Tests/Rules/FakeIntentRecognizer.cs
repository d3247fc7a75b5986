using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Funnel.Tests.Rules;

/// <summary>A recognizer that answers what the test sets and counts how often it is asked.</summary>
internal sealed class FakeIntentRecognizer(params string[] intents) : IIntentRecognizer
{
    /// <summary>The bot's intents; null plays a bot without a classifier.</summary>
    public IReadOnlySet<string>? Intents { get; set; } = new HashSet<string>(intents, StringComparer.Ordinal);

    /// <summary>What every turn is recognized as.</summary>
    public RecognizedIntent? Next { get; set; }

    public int Asked { get; private set; }

    public ValueTask<IReadOnlySet<string>?> GetIntentsAsync(BotDefinition bot, CancellationToken cancellationToken) => ValueTask.FromResult(Intents);

    public ValueTask<RecognizedIntent?> RecognizeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Asked++;
        return ValueTask.FromResult(Next);
    }
}
