using System.Text.Json.Serialization;

namespace ServiceBot.Channels.DirectLine;

/// <summary>The Direct Line <c>Conversation</c> object returned by the token and conversation operations.</summary>
internal sealed class DirectLineConversationInfo
{
    [JsonPropertyName("conversationId")]
    public string ConversationId { get; init; } = "";

    [JsonPropertyName("token")]
    public string Token { get; init; } = "";

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("streamUrl")]
    public string? StreamUrl { get; init; }

    /// <summary>ServiceBot's addition: the user id the token speaks for, so a client can tell its own messages.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }
}
