using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ServiceBot.Abstractions.Bots;

/// <summary>
/// JSON settings for reading bot content: property names bind in camelCase, kebab-case or
/// snake_case (<c>answerThreshold</c>, <c>answer-threshold</c>, <c>answer_threshold</c>), enum values in
/// kebab-case, numbers accepted where authors wrote them as strings, unknown keys ignored.
/// </summary>
/// <remarks>Only property names get aliases; dictionary keys (reply names, locales) stay as written.</remarks>
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
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddNameAliases } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly();
        return options;
    }

    private static void AddNameAliases(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var taken = new HashSet<string>(typeInfo.Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var property in typeInfo.Properties.ToArray())
        {
            if (property.Set is null && property.ObjectCreationHandling != JsonObjectCreationHandling.Populate)
            {
                continue;
            }

            foreach (var alias in new[] { Separate(property.Name, '-'), Separate(property.Name, '_') })
            {
                if (!taken.Add(alias))
                {
                    continue;
                }

                var aliasInfo = typeInfo.CreateJsonPropertyInfo(property.PropertyType, alias);
                aliasInfo.Get = property.Get;
                aliasInfo.Set = property.Set;
                aliasInfo.ShouldSerialize = static (_, _) => false;
                aliasInfo.CustomConverter = property.CustomConverter;
                aliasInfo.ObjectCreationHandling = property.ObjectCreationHandling;
                typeInfo.Properties.Add(aliasInfo);
            }
        }
    }

    // "answerThreshold" → "answer-threshold"; names without capitals come back unchanged.
    private static string Separate(string camel, char separator)
    {
        var builder = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsUpper(c))
            {
                if (builder.Length > 0)
                {
                    builder.Append(separator);
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
