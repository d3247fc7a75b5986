using System.Text.Json.Serialization;

namespace ServiceBot.Channels.DirectLine;

/// <summary>What a Direct Line token grants: one conversation, as one user, with one bot, until it expires.</summary>
internal sealed class DirectLineToken
{
    [JsonPropertyName("c")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("u")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("n")]
    public string? UserName { get; set; }

    /// <summary>The bot of the conversation; null for the server's default bot.</summary>
    [JsonPropertyName("b")]
    public string? BotId { get; set; }

    /// <summary>Expiry, in Unix seconds.</summary>
    [JsonPropertyName("e")]
    public long ExpiresAt { get; set; }

    /// <summary>A random value, so two tokens issued in the same second differ.</summary>
    [JsonPropertyName("j")]
    public string Nonce { get; set; } = "";
}
