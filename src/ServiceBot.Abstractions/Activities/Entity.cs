using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>Metadata attached to an activity, e.g. a <c>mention</c> or <c>clientInfo</c>.</summary>
public sealed class Entity
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
