using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.TaskBot.Content;

namespace ServiceBot.TaskBot;

/// <summary>
/// Loads and checks a bot's dialogs and trains its intent classifier when the bot loads, so a broken
/// dialog file stops the bot at start with its file and line instead of failing a conversation.
/// </summary>
internal sealed partial class TaskBotInitializer(TaskBotContentCache contents, ILogger<TaskBotInitializer> logger) : IBotInitializer
{
    public string Name => "taskbot";

    public async ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        var content = await contents.GetAsync(bot).ConfigureAwait(false);
        if (content.Classifier is { } classifier)
        {
            LogTrained(logger, bot.Id, content.Dialogs.Dialogs.Count, classifier.Labels.Count, content.NegativeExamples, classifier.FeatureCount, classifier.ModelBytes / 1024, classifier.TrainTime.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TaskBot of bot '{BotId}': {Dialogs} dialogs; intent model with {Labels} labels ({Negatives} FAQ questions as negatives), {Features} features, {SizeKb} KB, trained in {TrainMs:0} ms.")]
    private static partial void LogTrained(ILogger logger, string botId, int dialogs, int labels, int negatives, int features, long sizeKb, double trainMs);
}
