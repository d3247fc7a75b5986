using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>A user or bot on a channel (Bot Framework <c>ChannelAccount</c>).</summary>
public sealed class ChannelAccount
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>user</c> or <c>bot</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("aadObjectId")]
    public string? AadObjectId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
