using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Content;

/// <summary>A YAML file read as JSON, with the line each value came from.</summary>
public sealed class YamlContentDocument
{
    private readonly Dictionary<string, int> _lines;

    internal YamlContentDocument(string file, JsonNode? root, Dictionary<string, int> lines)
    {
        File = file;
        Root = root;
        _lines = lines;
    }

    public string File { get; }

    /// <summary>The document as JSON; null for an empty file.</summary>
    public JsonNode? Root { get; }

    /// <summary>
    /// The 1-based line of the value at a JSON path (<c>$.slots[2].type</c>, as
    /// <see cref="JsonException.Path"/> and <see cref="JsonNode.GetPath"/> write it), or of its
    /// nearest enclosing value; 0 when unknown.
    /// </summary>
    public int LineOf(string jsonPath)
    {
        var path = Canonical(jsonPath);
        while (path.Length > 0)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }

            path = path[..cut];
        }

        return _lines.TryGetValue("$", out var rootLine) ? rootLine : 0;
    }

    /// <summary>The line of <paramref name="node"/>, which must belong to this document.</summary>
    public int LineOf(JsonNode node) => LineOf(node.GetPath());

    /// <summary>
    /// Deserializes the whole document as <typeparamref name="T"/>; a type mismatch becomes a
    /// <see cref="BotDefinitionException"/> naming the file and line.
    /// </summary>
    public T Bind<T>(JsonSerializerOptions? options = null)
        where T : new()
    {
        if (Root is null)
        {
            return new T();
        }

        try
        {
            return Root.Deserialize<T>(options ?? BotSettingsJson.Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw new BotDefinitionException(File, LineOf(e.Path ?? "$"), Explain(e), e);
        }
    }

    private static string Explain(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"'{e.Path.TrimStart('$', '.')}': ";
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return where + (cut > 0 ? message[..cut] : message);
    }

    // JsonNode.GetPath writes $['key with space'] for some keys and JsonException writes $.key; both
    // are mapped to the dotted form the loader records.
    private static string Canonical(string path)
    {
        if (!path.Contains("['", StringComparison.Ordinal))
        {
            return path;
        }

        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
    }
}
