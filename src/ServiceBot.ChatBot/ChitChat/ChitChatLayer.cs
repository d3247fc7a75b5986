namespace ServiceBot.ChatBot.ChitChat;

/// <summary>Which chit-chat layer answered a message, if any.</summary>
internal enum ChitChatLayer
{
    /// <summary>Neither layer answered; the ChatBot goes on to generation or its fallback.</summary>
    None,

    /// <summary>A chit-chat template matched.</summary>
    Template,

    /// <summary>A corpus question was similar enough, and closer than any knowledge title.</summary>
    Retrieval,
}
