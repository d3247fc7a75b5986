namespace ServiceBot.Channels.Hosting;

/// <summary>Kinds of <see cref="ChannelTurnFailure"/>.</summary>
internal enum ChannelTurnFailureKind
{
    /// <summary>The request named a bot the server does not host.</summary>
    UnknownBot = 0,

    /// <summary>The activity lacked what a turn needs.</summary>
    BadActivity,

    /// <summary>The bot could not take the turn (still loading, a fault, shutting down).</summary>
    Unavailable,
}
