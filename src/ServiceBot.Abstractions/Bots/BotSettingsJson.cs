using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Bots;

/// <summary>
/// JSON settings for reading bot definition sections: case-insensitive kebab/camel names and
/// numbers accepted where YAML authors wrote them as strings.
/// </summary>
public static class BotSettingsJson
{
    /// <summary>Frozen options; safe to share.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
