using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>A clickable action on a card or in suggested actions.</summary>
public sealed class CardAction
{
    /// <summary><c>imBack</c>, <c>postBack</c>, <c>messageBack</c>, <c>openUrl</c>…; see <see cref="CardActionTypes"/>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = CardActionTypes.ImBack;

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("displayText")]
    public string? DisplayText { get; set; }

    [JsonPropertyName("value")]
    public JsonElement? Value { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }
}
