using System.Text;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// The bot's prompt files (<c>prompts/&lt;name&gt;.&lt;language&gt;.md</c> or <c>&lt;name&gt;.md</c>), with
/// <c>{placeholder}</c> substitution. Prompts are data: operators tune them without a release.
/// </summary>
/// <remarks>Immutable; safe to share. A missing prompt is a bot definition error at load time.</remarks>
internal sealed class PromptSet
{
    public const string Answer = "answer";
    public const string Rewrite = "rewrite";
    public const string Hyde = "hyde";

    private readonly Dictionary<string, string> _prompts;

    private PromptSet(Dictionary<string, string> prompts) => _prompts = prompts;

    public static PromptSet Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public IEnumerable<string> Names => _prompts.Keys;

    public static PromptSet Load(string directory, string botFile)
    {
        if (!Directory.Exists(directory))
        {
            throw new BotDefinitionException(botFile, $"chatbot.generation.prompts: the folder '{directory}' does not exist.");
        }

        var prompts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.md"))
        {
            prompts[Path.GetFileNameWithoutExtension(file)] = File.ReadAllText(file).Trim();
        }

        return new PromptSet(prompts);
    }

    public static PromptSet FromTexts(IReadOnlyDictionary<string, string> prompts) => new(new Dictionary<string, string>(prompts, StringComparer.OrdinalIgnoreCase));

    public bool Has(string name, string locale) => Find(name, locale) is not null;

    /// <summary>The prompt for <paramref name="locale"/> with every known placeholder filled in; unknown ones stay as written.</summary>
    public string Render(string name, string locale, IReadOnlyDictionary<string, string> values)
    {
        var template = Find(name, locale) ?? throw new InvalidOperationException($"No prompt '{name}' for {locale}.");
        var builder = new StringBuilder(template.Length + values.Sum(v => v.Value.Length));
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }

            builder.Append(template, i, open - i);
            var key = template.Substring(open + 1, close - open - 1);
            if (values.TryGetValue(key, out var value))
            {
                builder.Append(value);
            }
            else
            {
                builder.Append(template, open, close - open + 1);
            }

            i = close + 1;
        }

        return builder.ToString();
    }

    private string? Find(string name, string locale)
    {
        var language = locale.Split('-')[0];
        return _prompts.GetValueOrDefault(name + "." + locale) ?? _prompts.GetValueOrDefault(name + "." + language) ?? _prompts.GetValueOrDefault(name);
    }
}
