namespace ServiceBot.Channels.Hosting;

/// <summary>What became of a rating handed to <see cref="FeedbackRecorder"/>.</summary>
internal enum FeedbackResult
{
    Stored = 0,

    /// <summary>No turn with that id is in the log.</summary>
    UnknownTurn,

    /// <summary>The turn exists but belongs to another conversation; nothing was stored.</summary>
    WrongConversation,

    /// <summary>This server keeps no conversation log.</summary>
    NotStored,
}
