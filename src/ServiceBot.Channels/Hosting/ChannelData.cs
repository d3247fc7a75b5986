using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceBot.Channels.Hosting;

/// <summary>Adds properties to an activity's <c>channelData</c> without losing what is already there.</summary>
internal static class ChannelData
{
    /// <summary>The channel data with <paramref name="values"/> set; a non-object channel data is replaced.</summary>
    public static JsonElement With(JsonElement? channelData, params ReadOnlySpan<(string Name, JsonNode? Value)> values)
    {
        var node = channelData is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        foreach (var (name, value) in values)
        {
            node[name] = value;
        }

        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>A string property of the channel data, or null.</summary>
    public static string? GetString(JsonElement? channelData, string name) =>
        channelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
