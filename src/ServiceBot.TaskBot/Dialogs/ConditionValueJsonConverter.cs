using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.TaskBot.Dialogs;

internal sealed class ConditionValueJsonConverter : JsonConverter<ConditionValue>
{
    public override ConditionValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ConditionValue([reader.GetString() ?? ""]);
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                using (var doc = JsonDocument.ParseValue(ref reader))
                {
                    return new ConditionValue([doc.RootElement.ToString().ToLowerInvariant()]);
                }

            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    using var item = JsonDocument.ParseValue(ref reader);
                    values.Add(item.RootElement.ValueKind == JsonValueKind.String ? item.RootElement.GetString() ?? "" : item.RootElement.ToString());
                }

                return new ConditionValue(values);
            default:
                throw new JsonException("a condition is a value or a list of values.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ConditionValue value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }
}
