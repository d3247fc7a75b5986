namespace ServiceBot.Abstractions.State;

/// <summary>Whether a conversation is with a human operator.</summary>
public sealed class HandoffState
{
    public HandoffStatus Status { get; set; }

    public DateTimeOffset? RequestedAt { get; set; }

    /// <summary>Why the handoff was asked for: <c>customer-request</c>, <c>reask-limit</c>, <c>sensitive</c>…</summary>
    public string? Reason { get; set; }

    public string? OperatorId { get; set; }
}
