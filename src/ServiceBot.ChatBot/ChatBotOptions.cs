using System.ComponentModel.DataAnnotations;

namespace ServiceBot.ChatBot;

/// <summary>Process-wide ChatBot settings (<c>ServiceBot:ChatBot</c>); per-bot settings live in bot.yaml.</summary>
internal sealed class ChatBotOptions
{
    public const string Section = "ServiceBot:ChatBot";

    /// <summary>How often a fast-fix rules file is checked for changes (zero: on every reply).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FastFixReloadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
