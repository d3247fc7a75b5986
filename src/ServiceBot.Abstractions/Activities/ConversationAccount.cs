using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>The conversation an activity belongs to (Bot Framework <c>ConversationAccount</c>).</summary>
public sealed class ConversationAccount
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("isGroup")]
    public bool? IsGroup { get; set; }

    [JsonPropertyName("conversationType")]
    public string? ConversationType { get; set; }

    [JsonPropertyName("tenantId")]
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
