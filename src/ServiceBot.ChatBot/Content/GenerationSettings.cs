namespace ServiceBot.ChatBot.Content;

/// <summary>Grounded generation for a bot (<c>chatbot.generation</c>); used only when a model is configured.</summary>
internal sealed class GenerationSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the prompt files (<c>system.zh.md</c>, <c>rewrite.en.md</c>…), relative to <c>bot.yaml</c>.</summary>
    public string Prompts { get; set; } = "prompts";

    /// <summary>Knowledge passages recalled for the prompt.</summary>
    public int Passages { get; set; } = 5;

    /// <summary>The whole prompt's budget in estimated tokens; passages and history are cut to fit.</summary>
    public int MaxPromptTokens { get; set; } = 3000;

    public int MaxOutputTokens { get; set; } = 400;

    public double Temperature { get; set; } = 0.2;

    /// <summary>Past exchanges sent with the question.</summary>
    public int HistoryTurns { get; set; } = 4;

    /// <summary><c>llm</c> (rewrite follow-ups into standalone questions with the model), <c>heuristic</c> or <c>off</c>.</summary>
    public string Rewrite { get; set; } = "llm";

    /// <summary>Time the rewrite (and HyDE) call may take before the original question is used as is.</summary>
    public TimeSpan RewriteTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Also recall with a hypothetical answer the model drafts (HyDE).</summary>
    public bool Hyde { get; set; }

    /// <summary>Call the model even when no passage was recalled (it is told to say it does not know).</summary>
    public bool AnswerWithoutContext { get; set; }

    /// <summary>Stream sentences to channels that show partial replies.</summary>
    public bool Stream { get; set; } = true;

    /// <summary><c>footnotes</c> (numbered markers and a sources list), <c>inline</c> (markers kept as written) or <c>off</c> (markers removed).</summary>
    public string Citations { get; set; } = "footnotes";
}
