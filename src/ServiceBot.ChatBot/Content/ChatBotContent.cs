using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;
using ServiceBot.ChatBot.Filters.Claims;
using ServiceBot.ChatBot.Filters.Facts;
using ServiceBot.ChatBot.Retrieval;
using ServiceBot.ChatBot.Templates;
using ServiceBot.Content;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// One bot's ChatBot content, loaded and compiled once: settings, persona, templates, the chit-chat
/// index, prompts, replies and the word lists of the unsupported-facts check.
/// </summary>
/// <remarks>Immutable once built; a bot reload builds a new instance. Safe to share across turns.</remarks>
internal sealed class ChatBotContent
{
    private static readonly FactRules BuiltInFactRules = LoadBuiltInFactRules();
    private static readonly ClaimRules BuiltInClaimRules = YamlContent.LoadEmbedded(typeof(ChatBotContent).Assembly, "ServiceBot.ChatBot.claim-rules.yaml").Bind<ClaimRules>();

    private ChatBotContent(
        ChatBotSettings settings,
        Persona persona,
        TemplateSet templates,
        IChitChatIndex corpus,
        PromptSet prompts,
        ChatBotReplies replies,
        FactExtractor facts,
        ClaimChecker claims,
        string? fastFixPath)
    {
        Settings = settings;
        Persona = persona;
        Templates = templates;
        Corpus = corpus;
        Prompts = prompts;
        Replies = replies;
        Facts = facts;
        Claims = claims;
        FastFixPath = fastFixPath;
    }

    public ChatBotSettings Settings { get; }

    public Persona Persona { get; }

    public TemplateSet Templates { get; }

    public IChitChatIndex Corpus { get; }

    public PromptSet Prompts { get; }

    public ChatBotReplies Replies { get; }

    public FactExtractor Facts { get; }

    public ClaimChecker Claims { get; }

    /// <summary>Full path of the operator fast-fix rules file, or null when the bot has none.</summary>
    public string? FastFixPath { get; }

    /// <summary>Loads the <c>chatbot</c> section of <paramref name="bot"/> and the files it names.</summary>
    /// <exception cref="BotDefinitionException">A file is missing or malformed; the message names file and line.</exception>
    public static ChatBotContent Load(BotDefinition bot, ITextAnalyzer analyzer)
    {
        var settings = bot.GetSettings<ChatBotSettings>("chatbot");
        var persona = settings.Persona is null
            ? Persona.Empty
            : new Persona(YamlContent.Load(bot.ResolvePath(settings.Persona)).Bind<Dictionary<string, LocalizedText>>());

        var templates = TemplateSet.Compile(
            settings.Templates.Select(bot.ResolvePath).SelectMany(path => YamlContent.Load(path).Bind<TemplateFile>().Templates.Select(t => (path, t))),
            analyzer,
            persona);

        var entries = new List<ChitChatEntry>();
        foreach (var path in settings.Corpus.Select(bot.ResolvePath))
        {
            foreach (var entry in YamlContent.Load(path).Bind<ChitChatCorpusFile>().Entries)
            {
                if (entry.Questions.Count == 0 || entry.Replies is null || entry.Replies.Variants.Count == 0)
                {
                    throw new BotDefinitionException(path, $"chit-chat entry '{entry.Id}' needs questions and replies.");
                }

                entries.Add(entry);
            }
        }

        var prompts = settings.Generation.Enabled && bot.HasSettings("chatbot")
            ? PromptSet.Load(bot.ResolvePath(settings.Generation.Prompts), bot.SourcePath)
            : PromptSet.Empty;
        if (settings.Generation.Enabled && bot.HasSettings("chatbot") && !prompts.Has(PromptSet.Answer, bot.DefaultLocale))
        {
            throw new BotDefinitionException(bot.SourcePath, $"chatbot.generation.prompts: no '{PromptSet.Answer}' prompt for {bot.DefaultLocale} in '{settings.Generation.Prompts}'.");
        }

        settings.Filters.Entailment.Validate(bot.SourcePath);
        var replies = new ChatBotReplies(settings.Replies, bot.GetSettings<Dictionary<string, LocalizedText>>("replies"));
        var rules = BuiltInFactRules.Merge(settings.Filters.Facts.Rules);
        var claims = settings.Filters.Claims;
        if (claims.MinCoverage is <= 0 or > 1 || claims.MinClauseUnits < 1)
        {
            throw new BotDefinitionException(bot.SourcePath, "chatbot.filters.claims: min-coverage must be in (0, 1] and min-clause-units at least 1.");
        }

        var fastFix = settings.Filters.Fastfix is null ? null : bot.ResolvePath(settings.Filters.Fastfix);
        var claimChecker = new ClaimChecker(BuiltInClaimRules.Merge(claims.Rules));
        return new ChatBotContent(settings, persona, templates, Bm25ChitChatIndex.Build(entries, analyzer), prompts, replies, new FactExtractor(rules), claimChecker, fastFix);
    }

    private static FactRules LoadBuiltInFactRules()
    {
        return YamlContent.LoadEmbedded(typeof(ChatBotContent).Assembly, "ServiceBot.ChatBot.fact-rules.yaml").Bind<FactRules>();
    }
}
