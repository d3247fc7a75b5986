using ServiceBot.Abstractions.Bots;
using ServiceBot.TaskBot.Dialogs;

namespace ServiceBot.TaskBot.Content;

/// <summary>The <c>taskbot</c> section of a bot definition. Every threshold and text is data.</summary>
internal sealed class TaskBotSettings
{
    /// <summary>False switches TaskBot off for the bot.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The dialogs folder, relative to <c>bot.yaml</c>.</summary>
    public string? Dialogs { get; set; }

    /// <summary>Calibrated intent probability a message needs to start a workflow.</summary>
    public double StartThreshold { get; set; } = 0.6;

    /// <summary>Probability another workflow's intent needs to interrupt the current one.</summary>
    public double SwitchThreshold { get; set; } = 0.75;

    /// <summary>A workflow left idle this long is forgotten; the next message starts fresh.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>IANA time zone of the customers when the channel does not send one (dates such as 明天 resolve in it).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// <c>kb</c>: the bot's FAQ questions teach the intent classifier what is not a workflow ("怎么退货"
    /// is an FAQ, "我要退货" a workflow); <c>none</c>: only the dialogs' examples.
    /// </summary>
    public NegativeSource Negatives { get; set; } = NegativeSource.Kb;

    /// <summary>Backends actions call, by name; <c>ServiceBot:TaskBot:Backends:&lt;name&gt;:Url</c> in configuration overrides the URL.</summary>
    public Dictionary<string, BackendSettings> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words added to the built-in lexicon.</summary>
    public TaskBotLexicon? Lexicon { get; set; }

    /// <summary>TaskBot's own texts, overriding the built-in ones by key.</summary>
    public Dictionary<string, LocalizedText> Replies { get; set; } = new(StringComparer.Ordinal);
}
