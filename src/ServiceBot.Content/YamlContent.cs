using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceBot.Content;

/// <summary>
/// Reads bot content written in YAML (bot definitions, dialogs, rules, templates) as JSON, so every
/// component binds its typed section with System.Text.Json, and remembers the line each value came
/// from so that errors name the file and line.
/// </summary>
/// <remarks>
/// Plain scalars follow the YAML 1.2 core schema (<c>true</c>, <c>null</c>, <c>~</c>, numbers); quoted
/// scalars are always strings. Anchors and aliases are resolved; multiple documents are not allowed.
/// Thread-safe (static, no shared state).
/// </remarks>
public static class YamlContent
{
    /// <summary>Loads a YAML file.</summary>
    /// <exception cref="BotDefinitionException">The file is missing, not YAML, or holds several documents.</exception>
    public static YamlContentDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BotDefinitionException(path, $"cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Loads a YAML file embedded in <paramref name="assembly"/> (a component's built-in defaults).</summary>
    /// <exception cref="InvalidOperationException">The resource is not in the assembly: a build error.</exception>
    public static YamlContentDocument LoadEmbedded(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The resource {resourceName} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), resourceName);
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="BotDefinitionException">The text is not YAML or holds several documents.</exception>
    public static YamlContentDocument Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new BotDefinitionException(file, (int)e.Start.Line, $"not valid YAML: {Describe(e)}", e);
        }

        if (stream.Documents.Count > 1)
        {
            throw new BotDefinitionException(file, (int)stream.Documents[1].RootNode.Start.Line, "holds more than one YAML document; keep one per file.");
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, "$", lines, file);
        return new YamlContentDocument(file, root, lines);
    }

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, int> lines, string file)
    {
        lines[path] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new BotDefinitionException(file, (int)keyNode.Start.Line, "mapping keys must be plain text.");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw new BotDefinitionException(file, (int)keyNode.Start.Line, $"key '{key}' appears twice in the same mapping.");
                    }

                    obj[key] = Convert(valueNode, path + "." + key, lines, file);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var child in sequence.Children)
                {
                    array.Add(Convert(child, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", lines, file));
                    i++;
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new BotDefinitionException(file, (int)node.Start.Line, $"unsupported YAML node {node.NodeType}.");
        }
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (LooksNumeric(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                return JsonValue.Create(real);
            }
        }

        return JsonValue.Create(value);
    }

    // Only strings shaped like YAML 1.2 numbers become numbers: "007" stays a string, so do
    // phone numbers and order ids that happen to be digits with a leading zero.
    private static bool LooksNumeric(string value)
    {
        var span = value.AsSpan();
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        if (span.IsEmpty || !char.IsAsciiDigit(span[0]) && span[0] != '.')
        {
            return false;
        }

        if (span.Length > 1 && span[0] == '0' && char.IsAsciiDigit(span[1]))
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c) && c is not '.' and not 'e' and not 'E' and not '-' and not '+')
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 ? message[(paren + 3)..] : message;
    }
}
