using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>A card, file or other rich content carried by an activity.</summary>
public sealed class Attachment
{
    /// <summary>MIME type, e.g. <c>application/vnd.microsoft.card.hero</c>.</summary>
    [JsonPropertyName("contentType")]
    public string ContentType { get; set; } = "";

    [JsonPropertyName("contentUrl")]
    public string? ContentUrl { get; set; }

    [JsonPropertyName("content")]
    public JsonElement? Content { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("thumbnailUrl")]
    public string? ThumbnailUrl { get; set; }
}
