namespace ServiceBot.Funnel.Rules;

/// <summary>What a matched rule does.</summary>
internal enum RuleAction
{
    /// <summary>Sends the rule's reply; the turn is answered.</summary>
    Reply = 0,

    /// <summary>Sends the reply and asks for a human operator (the conversation's handoff becomes Requested).</summary>
    Handoff,

    /// <summary>Sends the reply and clears the conversation's sections (active workflows, slots), keeping the handoff state.</summary>
    Restart,
}
