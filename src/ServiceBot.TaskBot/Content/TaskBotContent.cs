using System.Collections.Frozen;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Content;
using ServiceBot.TaskBot.Dialogs;
using ServiceBot.TaskBot.Extraction;
using ServiceBot.TaskBot.Nlu;

namespace ServiceBot.TaskBot.Content;

/// <summary>
/// One bot's TaskBot content, loaded and compiled once: settings, checked dialogs, slot types,
/// marker words, texts and the intent classifier trained on the dialogs' examples.
/// </summary>
/// <remarks>Immutable once built; a bot reload builds a new instance. Safe to share across turns.</remarks>
internal sealed class TaskBotContent
{
    /// <summary>The classifier's label for "no workflow": FAQ questions and other negatives.</summary>
    public const string NoneLabel = "_none";

    private static readonly TaskBotLexicon BuiltInLexicon = LoadBuiltInLexicon();

    private TaskBotContent(TaskBotSettings settings, TaskBotReplies replies, DialogSet dialogs, IntentClassifier? classifier, TaskBotLexicon lexicon, TimeZoneInfo timeZone, int negatives)
    {
        Settings = settings;
        Dialogs = dialogs;
        Classifier = classifier;
        Intents = classifier?.Labels.Where(l => l != NoneLabel).ToFrozenSet(StringComparer.Ordinal);
        TimeZone = timeZone;
        NegativeExamples = negatives;
        Replies = replies;
        Cancel = new MarkerSet(lexicon.Cancel);
        Question = new MarkerSet(lexicon.Question);
        Procedure = new MarkerSet(lexicon.Procedure);
        Want = new MarkerSet(lexicon.Want);
    }

    public TaskBotSettings Settings { get; }

    public DialogSet Dialogs { get; }

    /// <summary>Null when the bot has no triggerable dialog.</summary>
    public IntentClassifier? Classifier { get; }

    /// <summary>The classifier's labels without <see cref="NoneLabel"/>: the ids of the triggerable dialogs. Null when there is no classifier.</summary>
    public IReadOnlySet<string>? Intents { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>How many FAQ questions taught the classifier what is not a workflow.</summary>
    public int NegativeExamples { get; }

    public TaskBotReplies Replies { get; }

    public MarkerSet Cancel { get; }

    public MarkerSet Question { get; }

    public MarkerSet Procedure { get; }

    public MarkerSet Want { get; }

    /// <summary>Loads the <c>taskbot</c> section of <paramref name="bot"/>, its dialogs, and trains the classifier.</summary>
    /// <exception cref="BotDefinitionException">A file is missing or malformed; the message names file and line.</exception>
    public static async Task<TaskBotContent> LoadAsync(BotDefinition bot, ITextAnalyzer analyzer, IKnowledgeStore? knowledge, CancellationToken cancellationToken)
    {
        var settings = bot.GetSettings<TaskBotSettings>("taskbot");
        var lexicon = BuiltInLexicon.Merge(settings.Lexicon);
        var dialogs = settings.Dialogs is null
            ? new DialogSet(new Dictionary<string, DialogDefinition>(StringComparer.Ordinal), new SlotTypeRegistry(lexicon))
            : DialogLoader.Load(bot.ResolvePath(settings.Dialogs), lexicon);

        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new BotDefinitionException(bot.SourcePath, $"taskbot.time-zone '{settings.TimeZone}' is not a known time zone.", e);
        }

        var examples = new List<IntentExample>();
        foreach (var dialog in dialogs.Dialogs.Values.Where(d => d.Triggerable))
        {
            foreach (var text in dialog.Examples.Values.SelectMany(e => e))
            {
                examples.Add(Example(text, dialog.Id, analyzer));
            }
        }

        var negatives = 0;
        if (examples.Count > 0 && knowledge is not null && settings.Negatives == NegativeSource.Kb)
        {
            // An FAQ may list a workflow's own phrase ("查订单") as a similar question; the same text
            // under two labels only teaches the model to doubt both, so the dialog's claim wins.
            var claimed = examples.Select(e => e.Text).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in await knowledge.ListFaqsAsync(bot.Id, cancellationToken).ConfigureAwait(false))
            {
                foreach (var question in entry.SimilarQuestions.Prepend(entry.StandardQuestion))
                {
                    var example = Example(question, NoneLabel, analyzer);
                    if (claimed.Contains(example.Text))
                    {
                        continue;
                    }

                    examples.Add(example);
                    negatives++;
                }
            }
        }

        IntentClassifier? classifier = null;
        if (examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() >= 2)
        {
            classifier = IntentClassifier.Train(examples, new IntentTrainingOptions { CalibrationFraction = examples.Count >= 200 ? 0.15 : 0 });
        }

        var replies = new TaskBotReplies(bot.GetSettings<Dictionary<string, LocalizedText>>("replies"), settings.Replies);
        return new TaskBotContent(settings, replies, dialogs, classifier, lexicon, timeZone, negatives);
    }

    /// <summary>
    /// The classifier's view of the turn's message, computed once per turn: the dialog stage and the
    /// router both ask when a digression passes from one to the other. Empty when there is no classifier.
    /// </summary>
    public IntentPrediction Classify(TurnContext turn)
    {
        if (turn.Features.Get<IntentPrediction>() is { } known)
        {
            return known;
        }

        var prediction = Classifier?.Predict(turn.Utterance.Normalized, turn.Utterance.Terms) ?? new IntentPrediction([]);
        turn.Features.Set(prediction);
        return prediction;
    }

    private static IntentExample Example(string text, string label, ITextAnalyzer analyzer)
    {
        var utterance = analyzer.Analyze(text);
        return new IntentExample(utterance.Normalized, utterance.Terms, label);
    }

    private static TaskBotLexicon LoadBuiltInLexicon()
    {
        return YamlContent.LoadEmbedded(typeof(TaskBotContent).Assembly, "ServiceBot.TaskBot.lexicon.yaml").Bind<TaskBotLexicon>();
    }
}
