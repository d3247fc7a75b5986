namespace ServiceBot.Core;

/// <summary>Server-wide settings under <c>ServiceBot</c>.</summary>
public sealed class ServiceBotOptions
{
    public const string Section = "ServiceBot";

    /// <summary>Folder holding one sub-folder per bot, each with a <c>bot.yaml</c>; relative to the content root.</summary>
    public string BotsDirectory { get; set; } = "bots";

    /// <summary>Folder for runtime data (SQLite files, caches); each bot gets a sub-folder. Relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The bot that answers requests naming none; the first bot by id when unset.</summary>
    public string? DefaultBot { get; set; }

    /// <summary>Only these bots are loaded (by id); all bots when empty.</summary>
    public List<string> Bots { get; set; } = [];
}
