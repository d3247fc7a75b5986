using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.ChatBot.Evaluation;

/// <summary>
/// Reads the small talk of the shared chit-chat data (<c>../shared/data/chitchat</c>) in place:
/// ChatterBot's Chinese corpus and Dialogflow's prebuilt small-talk agents (zh-CN and en).
/// </summary>
/// <remarks>
/// ChatterBot: the first line of every conversation of the categories in <see cref="ChatterBotSmallTalk"/>
/// (the user's opener; later lines answer the bot), without a label: its expected answers are free text
/// that maps onto no corpus entry. Its trivia, science, history, literature, movies, sports, politics,
/// money, food and gossip categories are general-knowledge questions, not small talk, and the
/// <c>traditionalchinese</c> folder repeats the same lines in traditional characters; neither is read.
/// Dialogflow: every "user says" example of <c>small-talk_zh-CN</c> and <c>small-talk_en</c> (all
/// English variants, en-us, en-gb, …), labelled with its intent (<c>smalltalk.agent.age</c>).
/// </remarks>
public static class ChitChatDataSets
{
    /// <summary>The ChatterBot categories that are small talk with a bot.</summary>
    public static IReadOnlyList<string> ChatterBotSmallTalk { get; } = ["greetings", "conversations", "botprofile", "emotion", "ai", "psychology", "humor"];

    /// <summary>Reads every small-talk utterance under <paramref name="directory"/> (the <c>chitchat</c> folder).</summary>
    /// <exception cref="DirectoryNotFoundException">Neither data set is there.</exception>
    /// <exception cref="BotDefinitionException">A file is not what the data set publishes.</exception>
    public static IReadOnlyList<ChitChatSample> Load(string directory)
    {
        var chatterBot = Path.Combine(directory, "chatterbot-zh", "chinese");
        var dialogflow = Path.Combine(directory, "dialogflow-prebuilt");
        if (!Directory.Exists(chatterBot) && !Directory.Exists(dialogflow))
        {
            throw new DirectoryNotFoundException($"'{directory}' holds neither chatterbot-zh/chinese nor dialogflow-prebuilt.");
        }

        var samples = new List<ChitChatSample>();
        if (Directory.Exists(chatterBot))
        {
            foreach (var category in ChatterBotSmallTalk)
            {
                var path = Path.Combine(chatterBot, category + ".yml");
                if (File.Exists(path))
                {
                    samples.AddRange(ReadChatterBot(path, "zh-CN", "chatterbot-zh/" + category));
                }
            }
        }

        foreach (var (folder, locale) in new[] { ("small-talk_zh-CN", "zh-CN"), ("small-talk_en", "en-US") })
        {
            var intents = Path.Combine(dialogflow, folder, "intents");
            if (Directory.Exists(intents))
            {
                samples.AddRange(ReadDialogflow(intents, locale, "dialogflow/" + folder));
            }
        }

        return samples;
    }

    /// <summary>The first line of each conversation of a ChatterBot corpus file.</summary>
    public static IEnumerable<ChitChatSample> ReadChatterBot(string path, string locale, string source)
    {
        var document = YamlContent.Load(path);
        if (document.Root?["conversations"] is not JsonArray conversations)
        {
            throw new BotDefinitionException(path, "expected a 'conversations' list.");
        }

        foreach (var conversation in conversations)
        {
            if (conversation is JsonArray { Count: > 0 } lines && lines[0] is JsonValue first && Scalar(first) is { Length: > 0 } text)
            {
                yield return new ChitChatSample(text, locale, source);
            }
        }
    }

    /// <summary>The "user says" examples of a Dialogflow agent's intents folder, labelled with their intent.</summary>
    public static IEnumerable<ChitChatSample> ReadDialogflow(string intentsDirectory, string locale, string source)
    {
        foreach (var path in Directory.EnumerateFiles(intentsDirectory, "*_usersays_*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var intent = name[..name.IndexOf("_usersays_", StringComparison.Ordinal)];
            JsonArray examples;
            try
            {
                examples = JsonNode.Parse(File.ReadAllText(path)) as JsonArray ?? throw new JsonException("expected a list of examples");
            }
            catch (JsonException e)
            {
                throw new BotDefinitionException(path, e.Message, e);
            }

            foreach (var example in examples)
            {
                if (example?["data"] is not JsonArray parts)
                {
                    continue;
                }

                var text = string.Concat(parts.Select(p => p?["text"] is JsonValue v ? Raw(v) : "")).Trim();
                if (text.Length > 0)
                {
                    yield return new ChitChatSample(text, locale, source, intent);
                }
            }
        }
    }

    /// <summary>Reads a label map file: <c>labels: { intent: [template or corpus ids] }</c>; an empty list means "no counterpart".</summary>
    /// <exception cref="BotDefinitionException">The file is missing or malformed.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LoadLabels(string path)
    {
        var file = YamlContent.Load(path).Bind<LabelFile>();
        return file.Labels.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)(l.Value ?? []), StringComparer.Ordinal);
    }

    private static string Scalar(JsonValue value) => Raw(value).Trim();

    // Dialogflow splits an example into parts around its entities ("how old " + "are you"): spaces count.
    private static string Raw(JsonValue value) => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private sealed class LabelFile
    {
        public Dictionary<string, List<string>?> Labels { get; set; } = new(StringComparer.Ordinal);
    }
}
