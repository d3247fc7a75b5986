using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.Core.Bots;

/// <summary>Reads a <c>bot.yaml</c> into a <see cref="BotDefinition"/>.</summary>
internal static partial class BotDefinitionLoader
{
    public const string FileName = "bot.yaml";

    /// <summary>Loads and checks one bot definition.</summary>
    /// <exception cref="BotDefinitionException">The file is missing, not YAML, or lacks what a bot needs.</exception>
    public static BotDefinition Load(string path, string dataRoot)
    {
        var document = YamlContent.Load(path);
        if (document.Root is not JsonObject root)
        {
            throw new BotDefinitionException(path, "must be a mapping with at least an 'id'.");
        }

        var header = document.Bind<BotHeader>();
        var id = header.Id ?? Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        if (!BotId().IsMatch(id))
        {
            throw new BotDefinitionException(path, document.LineOf("$.id"), $"bot id '{id}' must be 1–64 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
        }

        // Chinese first, English second: a bot that names no locales speaks both.
        var locales = header.Locales is { Count: > 0 } ? header.Locales : header.DefaultLocale is { } only && !only.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && !only.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? [only] : ["zh-CN", "en-US"];
        var defaultLocale = header.DefaultLocale ?? locales[0];
        if (!locales.Contains(defaultLocale, StringComparer.OrdinalIgnoreCase))
        {
            throw new BotDefinitionException(path, document.LineOf("$.default-locale"), $"default locale '{defaultLocale}' is not one of the bot's locales ({string.Join(", ", locales)}).");
        }

        var dataDirectory = Path.GetFullPath(Path.Combine(dataRoot, id));
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BotDefinitionException(path, $"its data folder '{dataDirectory}' cannot be created: {e.Message}", e);
        }

        return new BotDefinition(id, header.Name ?? id, defaultLocale, locales, Path.GetFullPath(path), dataDirectory, root);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex BotId();

    private sealed class BotHeader
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? DefaultLocale { get; set; }

        public List<string>? Locales { get; set; }
    }
}
