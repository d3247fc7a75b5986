using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>The JSON settings every ServiceBot surface uses for activities and its own payloads.</summary>
public static class ActivityJson
{
    /// <summary>
    /// camelCase, nulls omitted, enums as camelCase strings, and CJK text written as-is rather than
    /// as <c>\uXXXX</c> escapes so logs and exports stay readable. Frozen: safe to share.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
