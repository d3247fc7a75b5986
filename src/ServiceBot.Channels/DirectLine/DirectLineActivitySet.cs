using System.Text.Json.Serialization;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.DirectLine;

/// <summary>The Direct Line <c>ActivitySet</c>: activities and the watermark to ask for the next ones with.</summary>
internal sealed class DirectLineActivitySet
{
    [JsonPropertyName("activities")]
    public IReadOnlyList<Activity> Activities { get; init; } = [];

    [JsonPropertyName("watermark")]
    public string? Watermark { get; init; }
}
