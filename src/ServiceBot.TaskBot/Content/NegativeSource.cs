namespace ServiceBot.TaskBot.Content;

/// <summary>What teaches the intent classifier that a message asks for no workflow (<c>taskbot.negatives</c>).</summary>
internal enum NegativeSource
{
    /// <summary>The bot's FAQ questions, standard and similar.</summary>
    Kb,

    /// <summary>Nothing: only the dialogs' examples.</summary>
    None,
}
