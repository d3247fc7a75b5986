using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Bots;

/// <summary>Reads <c>"text"</c>, <c>["a", "b"]</c> or <c>{ "zh": "…", "en": ["…", "…"] }</c> as <see cref="LocalizedText"/>.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return LocalizedText.Invariant(reader.GetString() ?? "");
            case JsonTokenType.StartArray:
                return new LocalizedText(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["*"] = ReadVariants(ref reader) });
            case JsonTokenType.StartObject:
                var map = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var language = reader.GetString() ?? throw new JsonException("Expected a language name.");
                    reader.Read();
                    map[language] = reader.TokenType switch
                    {
                        JsonTokenType.String => [reader.GetString() ?? ""],
                        JsonTokenType.StartArray => ReadVariants(ref reader),
                        _ => throw new JsonException($"Text for language '{language}' must be a string or a list of strings."),
                    };
                }

                return new LocalizedText(map);
            default:
                throw new JsonException("Expected a string, a list of strings, or a map from language to text.");
        }
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, variants) in value.Variants)
        {
            writer.WritePropertyName(language);
            if (variants.Length == 1)
            {
                writer.WriteStringValue(variants[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var variant in variants)
                {
                    writer.WriteStringValue(variant);
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static string[] ReadVariants(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Reply variants must be strings.");
            }

            list.Add(reader.GetString() ?? "");
        }

        return [.. list];
    }
}
