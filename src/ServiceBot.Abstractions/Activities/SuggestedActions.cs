using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>Quick-reply buttons shown under a message until the user answers.</summary>
public sealed class SuggestedActions
{
    /// <summary>Ids of the recipients the actions are shown to; empty means everyone.</summary>
    [JsonPropertyName("to")]
    public List<string>? To { get; set; }

    [JsonPropertyName("actions")]
    public List<CardAction> Actions { get; set; } = [];
}
