namespace ServiceBot.Abstractions.State;

/// <summary>Stages of a handoff to a human operator.</summary>
public enum HandoffStatus
{
    /// <summary>The bot is answering.</summary>
    None = 0,

    /// <summary>The customer (or the bot) asked for a human; waiting for an operator to take over.</summary>
    Requested,

    /// <summary>An operator has taken over; messages are relayed and the bot stays silent.</summary>
    Active,
}
