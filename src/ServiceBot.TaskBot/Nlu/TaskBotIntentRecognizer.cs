using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Abstractions.Turns;
using ServiceBot.TaskBot.Content;

namespace ServiceBot.TaskBot.Nlu;

/// <summary>
/// TaskBot's intent classifier offered to other components: the intents are the triggerable
/// dialogs' ids, and a turn's prediction is the one TaskBot itself uses (cached on the turn), so a
/// message is classified once however many components ask.
/// </summary>
internal sealed class TaskBotIntentRecognizer(TaskBotContentCache contents) : IIntentRecognizer
{
    public async ValueTask<IReadOnlySet<string>?> GetIntentsAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var content = await contents.GetAsync(bot).WaitAsync(cancellationToken).ConfigureAwait(false);
        return content.Intents;
    }

    public async ValueTask<RecognizedIntent?> RecognizeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);

        // Training belongs to bot load (TaskBotInitializer); a turn that arrives while it runs is
        // answered without intents rather than held up.
        var loading = contents.GetAsync(turn.Bot);
        if (!loading.IsCompletedSuccessfully)
        {
            return null;
        }

        var content = await loading.ConfigureAwait(false);
        if (content.Classifier is null)
        {
            return null;
        }

        var prediction = content.Classify(turn);
        return prediction.Ranked.Count == 0 || prediction.Label == TaskBotContent.NoneLabel
            ? null
            : new RecognizedIntent(prediction.Label, prediction.Probability);
    }
}
