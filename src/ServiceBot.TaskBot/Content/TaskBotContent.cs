using System.Diagnostics;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
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

    private TaskBotContent(TaskBotSettings settings, DialogSet dialogs, IntentClassifier? classifier, TaskBotLexicon lexicon, TimeZoneInfo timeZone, int negatives)
    {
        Settings = settings;
        Dialogs = dialogs;
        Classifier = classifier;
        TimeZone = timeZone;
        NegativeExamples = negatives;
        Replies = new TaskBotReplies(settings.Replies);
        Cancel = new MarkerSet(lexicon.Cancel);
        Correction = new MarkerSet(lexicon.Correction);
        Question = new MarkerSet(lexicon.Question);
        Procedure = new MarkerSet(lexicon.Procedure);
        Want = new MarkerSet(lexicon.Want);
    }

    public TaskBotSettings Settings { get; }

    public DialogSet Dialogs { get; }

    /// <summary>Null when the bot has no triggerable dialog.</summary>
    public IntentClassifier? Classifier { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>How many FAQ questions taught the classifier what is not a workflow.</summary>
    public int NegativeExamples { get; }

    public TaskBotReplies Replies { get; }

    public MarkerSet Cancel { get; }

    public MarkerSet Correction { get; }

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
            ? new DialogSet(new Dictionary<string, DialogDefinition>(StringComparer.Ordinal), new SlotTypeRegistry(lexicon), new Dictionary<string, string>(StringComparer.Ordinal))
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
        if (examples.Count > 0 && knowledge is not null && string.Equals(settings.Negatives, "kb", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var entry in await knowledge.ListFaqsAsync(bot.Id, cancellationToken).ConfigureAwait(false))
            {
                foreach (var question in entry.SimilarQuestions.Prepend(entry.StandardQuestion))
                {
                    examples.Add(Example(question, NoneLabel, analyzer));
                    negatives++;
                }
            }
        }

        IntentClassifier? classifier = null;
        if (examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() >= 2)
        {
            classifier = IntentClassifier.Train(examples, new IntentTrainingOptions { CalibrationFraction = examples.Count >= 200 ? 0.15 : 0 });
        }

        return new TaskBotContent(settings, dialogs, classifier, lexicon, timeZone, negatives);
    }

    /// <summary>The classifier's view of an analyzed message; an empty prediction when there is no classifier.</summary>
    public IntentPrediction Classify(AnalyzedUtterance utterance) =>
        Classifier?.Predict(utterance.Normalized, utterance.Terms) ?? new IntentPrediction([]);

    private static IntentExample Example(string text, string label, ITextAnalyzer analyzer)
    {
        var utterance = analyzer.Analyze(text);
        return new IntentExample(utterance.Normalized, utterance.Terms, label);
    }

    private static TaskBotLexicon LoadBuiltInLexicon()
    {
        using var stream = typeof(TaskBotContent).Assembly.GetManifestResourceStream("ServiceBot.TaskBot.lexicon.yaml")
            ?? throw new UnreachableException("TaskBot's built-in lexicon is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return YamlContent.Parse(reader.ReadToEnd(), "lexicon.yaml").Bind<TaskBotLexicon>();
    }
}
