using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// The <c>chatbot</c> section of a bot definition. Paths are relative to <c>bot.yaml</c>; every
/// threshold and text is data so that a bot is tuned without a build.
/// </summary>
internal sealed class ChatBotSettings
{
    /// <summary>False switches the ChatBot off for the bot (it then declines every turn).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The persona file: the bot's name and voice, used by templates and prompts.</summary>
    public string? Persona { get; set; }

    /// <summary>Chit-chat template files (patterns with wildcards, captures and regexes).</summary>
    public List<string> Templates { get; set; } = [];

    /// <summary>
    /// How much of the message a template's literal text must cover (0–1); wildcards let "你好呀小鹿"
    /// match "你好*" only when the greeting is most of the message.
    /// </summary>
    public double TemplateCoverage { get; set; } = 0.5;

    /// <summary>Chit-chat corpus files (questions with replies) for retrieval.</summary>
    public List<string> Corpus { get; set; } = [];

    public ChitChatRetrievalSettings Retrieval { get; set; } = new();

    public GenerationSettings Generation { get; set; } = new();

    public ReplyFilterSettings Filters { get; set; } = new();

    public FallbackSettings Fallback { get; set; } = new();

    /// <summary>The ChatBot's own texts by key (sources heading, …); the bot's <c>replies</c> section and built-in defaults fill the rest.</summary>
    public Dictionary<string, LocalizedText> Replies { get; set; } = new(StringComparer.Ordinal);
}
