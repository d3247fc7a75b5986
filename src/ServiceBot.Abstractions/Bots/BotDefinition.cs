using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceBot.Abstractions.Bots;

/// <summary>
/// A bot as its <c>bots/&lt;id&gt;/bot.yaml</c> describes it: identity, languages, where its content
/// lives, and one settings section per component (thresholds, replies, word lists…).
/// </summary>
/// <remarks>Immutable once loaded; a reload produces a new instance.</remarks>
public sealed class BotDefinition
{
    public BotDefinition(string id, string name, string defaultLocale, IReadOnlyList<string> locales, string sourcePath, string dataDirectory, JsonObject settings)
    {
        Id = id;
        Name = name;
        DefaultLocale = defaultLocale;
        Locales = locales;
        SourcePath = sourcePath;
        DataDirectory = dataDirectory;
        Settings = settings;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>BCP-47 locale used when nothing else decides, e.g. <c>zh-CN</c>.</summary>
    public string DefaultLocale { get; }

    public IReadOnlyList<string> Locales { get; }

    /// <summary>Full path of the bot's definition file; relative content paths resolve against its folder.</summary>
    public string SourcePath { get; }

    /// <summary>Folder for this bot's runtime data (SQLite files, caches); created on load.</summary>
    public string DataDirectory { get; }

    /// <summary>The whole definition as JSON; read typed sections with <see cref="GetSettings{T}"/>.</summary>
    public JsonObject Settings { get; }

    /// <summary>
    /// Reads the section at <paramref name="path"/> (dot-separated, e.g. <c>kb.thresholds</c>) as
    /// <typeparamref name="T"/>; an absent section gives <c>new T()</c> with its defaults.
    /// </summary>
    /// <exception cref="BotDefinitionException">The section does not fit <typeparamref name="T"/>.</exception>
    public T GetSettings<T>(string path)
        where T : new()
    {
        var node = Find(path);
        if (node is null)
        {
            return new T();
        }

        try
        {
            return node.Deserialize<T>(BotSettingsJson.Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw new BotDefinitionException(SourcePath, $"section '{path}'{(e.Path is null ? "" : $" at {e.Path.TrimStart('$', '.')}")}: {e.Message}", e);
        }
    }

    /// <summary>True when the definition has a section at <paramref name="path"/>.</summary>
    public bool HasSettings(string path) => Find(path) is not null;

    /// <summary>Resolves a path written in the definition relative to the definition's folder.</summary>
    public string ResolvePath(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(SourcePath) ?? ".", path));

    private JsonNode? Find(string path)
    {
        JsonNode? node = Settings;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
