using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;
using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// Reads and checks a bot's dialog folder: every <c>*.yaml</c> is one dialog, except
/// <c>types.yaml</c> (the bot's slot types) and the <c>*.test.yaml</c> conversation scripts.
/// </summary>
/// <remarks>
/// Everything a turn would otherwise trip over is checked here, so that a broken file stops the bot
/// at load with its file and line rather than failing a customer's conversation: unknown keys,
/// unknown slot types, references to missing actions, slots or dialogs, bad regular expressions,
/// template variables nothing fills, and sub-dialogs that start each other in a cycle.
/// </remarks>
public static partial class DialogLoader
{
    public const string TypesFile = "types.yaml";
    public const string TestSuffix = ".test.yaml";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Strict binding: a misspelt key is an error, not a silently ignored setting.</summary>
    internal static JsonSerializerOptions Strict { get; } = new(BotSettingsJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Loads and checks every dialog in <paramref name="directory"/>.</summary>
    /// <exception cref="BotDefinitionException">A file is malformed; the message names the file and line.</exception>
    public static DialogSet Load(string directory, TaskBotLexicon lexicon)
    {
        if (!Directory.Exists(directory))
        {
            throw new BotDefinitionException(directory, "the dialogs folder does not exist (bot.yaml: taskbot.dialogs).");
        }

        var typesPath = Path.Combine(directory, TypesFile);
        var customTypes = File.Exists(typesPath)
            ? CheckTypes(YamlContent.Load(typesPath))
            : new Dictionary<string, SlotTypeDefinition>(StringComparer.Ordinal);
        var types = new SlotTypeRegistry(lexicon, customTypes);

        var documents = new List<(YamlContentDocument Document, DialogDefinition Dialog)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.Equals(TypesFile, StringComparison.OrdinalIgnoreCase) || name.EndsWith(TestSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var document = YamlContent.Load(path);
            documents.Add((document, document.Bind<DialogDefinition>(Strict)));
        }

        var dialogs = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (document, dialog) in documents)
        {
            if (!IdPattern().IsMatch(dialog.Id))
            {
                throw Error(document, "$.id", $"dialog id '{dialog.Id}' must be lower-case letters, digits and dashes.");
            }

            if (!dialogs.TryAdd(dialog.Id, dialog))
            {
                throw Error(document, "$.id", $"dialog id '{dialog.Id}' is also used by {files[dialog.Id]}.");
            }

            files[dialog.Id] = document.File;
        }

        foreach (var (document, dialog) in documents)
        {
            Check(document, dialog, dialogs, types);
        }

        CheckSubDialogCycles(documents, dialogs);
        return new DialogSet(dialogs, types);
    }

    private static Dictionary<string, SlotTypeDefinition> CheckTypes(YamlContentDocument document)
    {
        var file = document.Bind<SlotTypeFile>(Strict);
        foreach (var (name, type) in file.Types)
        {
            var at = $"$.types.{name}";
            if (type.Values.Count == 0 && type.Pattern is null)
            {
                throw Error(document, at, $"slot type '{name}' needs values or a pattern.");
            }

            if (type.Pattern is not null)
            {
                CheckRegex(document, at + ".pattern", type.Pattern);
            }

            for (var i = 0; i < type.Values.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(type.Values[i].Value))
                {
                    throw Error(document, $"{at}.values[{i}]", $"a value of slot type '{name}' has no 'value'.");
                }
            }
        }

        return file.Types;
    }

    private static void Check(YamlContentDocument document, DialogDefinition dialog, Dictionary<string, DialogDefinition> dialogs, SlotTypeRegistry types)
    {
        if (dialog.Triggerable && dialog.Examples.Values.Sum(e => e.Count) == 0)
        {
            throw Error(document, "$.examples", $"dialog '{dialog.Id}' needs example utterances (examples: zh: […], en: […]) or 'triggerable: false'.");
        }

        var actions = new Dictionary<string, ActionDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < dialog.Actions.Count; i++)
        {
            var action = dialog.Actions[i];
            var at = $"$.actions[{i}]";
            if (string.IsNullOrWhiteSpace(action.Id) || !actions.TryAdd(action.Id, action))
            {
                throw Error(document, at + ".id", $"action id '{action.Id}' is empty or used twice.");
            }

            if (!Methods.Contains(action.Method.ToUpperInvariant(), StringComparer.Ordinal))
            {
                throw Error(document, at + ".method", $"method '{action.Method}' is not one of {string.Join(", ", Methods)}.");
            }

            if (!action.Path.StartsWith('/'))
            {
                throw Error(document, at + ".path", $"action '{action.Id}': path '{action.Path}' must start with '/'.");
            }

            if (action.Timeout <= TimeSpan.Zero || action.Timeout > TimeSpan.FromMinutes(1))
            {
                throw Error(document, at + ".timeout", $"action '{action.Id}': timeout must be between 0 and 1 minute.");
            }
        }

        // Names a template may use: slots, values actions map in, and a few built-ins.
        var known = new HashSet<string>(StringComparer.Ordinal) { "title", "value", "error" };
        known.UnionWith(dialog.Slots.Select(s => s.Name));
        known.UnionWith(dialog.Inputs);
        known.UnionWith(dialog.Actions.SelectMany(a => a.Map.Keys));
        foreach (var sub in dialog.Slots.Where(s => s.Dialog is not null && dialogs.ContainsKey(s.Dialog)))
        {
            known.UnionWith(dialogs[sub.Dialog!].Slots.Select(s => s.Name));
            known.UnionWith(dialogs[sub.Dialog!].Actions.SelectMany(a => a.Map.Keys));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dialog.Slots.Count; i++)
        {
            var slot = dialog.Slots[i];
            var at = $"$.slots[{i}]";
            if (!SlotNamePattern().IsMatch(slot.Name) || !names.Add(slot.Name))
            {
                throw Error(document, at + ".name", $"slot name '{slot.Name}' is empty, not snake_case, or used twice.");
            }

            if (slot.Dialog is not null)
            {
                if (!dialogs.TryGetValue(slot.Dialog, out var sub))
                {
                    throw Error(document, at + ".dialog", $"slot '{slot.Name}' is filled by dialog '{slot.Dialog}', which does not exist.");
                }

                var missing = sub.Inputs.FirstOrDefault(input => !names.Contains(input) && !dialog.Actions.Exists(a => a.Map.ContainsKey(input)));
                if (missing is not null)
                {
                    throw Error(document, at + ".dialog", $"sub-dialog '{sub.Id}' needs input '{missing}', which no earlier slot or action of '{dialog.Id}' fills.");
                }
            }
            else if (!types.Contains(slot.Type))
            {
                throw Error(document, at + ".type", $"slot '{slot.Name}' has unknown type '{slot.Type}'; built-in types are {string.Join(", ", SlotTypeRegistry.BuiltInTypes)}, others go in {TypesFile}.");
            }

            if (slot.Dialog is null && slot.Default is null && slot.Prompt is null)
            {
                throw Error(document, at, $"slot '{slot.Name}' needs a prompt.");
            }

            if (slot.MaxAttempts < 1)
            {
                throw Error(document, at + ".max-attempts", $"slot '{slot.Name}': max-attempts must be at least 1.");
            }

            if (slot.Check is not null && !actions.ContainsKey(slot.Check))
            {
                throw Error(document, at + ".check", $"slot '{slot.Name}' is checked by action '{slot.Check}', which this dialog does not define.");
            }

            if (slot.Validate?.Pattern is { } pattern)
            {
                CheckRegex(document, at + ".validate.pattern", pattern);
            }

            CheckCondition(document, at + ".when", slot.When, known);
            CheckTemplate(document, at + ".prompt", slot.Prompt, known);
            CheckTemplate(document, at + ".invalid", slot.Invalid, known);
            foreach (var (channel, prompt) in slot.ChannelPrompts)
            {
                CheckTemplate(document, $"{at}.channel-prompts.{channel}", prompt, known);
            }
        }

        CheckTemplate(document, "$.confirm.prompt", dialog.Confirm?.Prompt, known);
        CheckTemplate(document, "$.confirm.declined", dialog.Confirm?.Declined, known);
        for (var i = 0; i < dialog.Actions.Count; i++)
        {
            CheckTemplate(document, $"$.actions[{i}].not-found", dialog.Actions[i].NotFound, known);
            CheckTemplate(document, $"$.actions[{i}].rejected", dialog.Actions[i].Rejected, known);
            CheckTemplate(document, $"$.actions[{i}].error", dialog.Actions[i].Error, known);
        }
        for (var i = 0; i < dialog.Complete.Call.Count; i++)
        {
            if (!actions.ContainsKey(dialog.Complete.Call[i]))
            {
                throw Error(document, $"$.complete.call[{i}]", $"completion calls action '{dialog.Complete.Call[i]}', which this dialog does not define.");
            }
        }

        if (dialog.Complete.Replies.Count == 0)
        {
            throw Error(document, "$.complete", $"dialog '{dialog.Id}' needs at least one completion reply (complete: replies: […]).");
        }

        for (var i = 0; i < dialog.Complete.Replies.Count; i++)
        {
            var reply = dialog.Complete.Replies[i];
            if (reply.Text is null)
            {
                throw Error(document, $"$.complete.replies[{i}]", "a completion reply needs text.");
            }

            CheckCondition(document, $"$.complete.replies[{i}].when", reply.When, known);
            CheckTemplate(document, $"$.complete.replies[{i}].text", reply.Text, known);
            foreach (var (channel, text) in reply.Channels)
            {
                CheckTemplate(document, $"$.complete.replies[{i}].channels.{channel}", text, known);
            }
        }

        foreach (var (action, i) in dialog.Actions.Select((a, i) => (a, i)))
        {
            foreach (var variable in TemplateText.Variables(action.Path).Concat(action.Headers.Values.SelectMany(TemplateText.Variables)).Concat(action.Body?.Values.SelectMany(TemplateText.Variables) ?? []))
            {
                if (!variable.StartsWith("secret:", StringComparison.Ordinal) && !known.Contains(variable))
                {
                    throw Error(document, $"$.actions[{i}]", $"action '{action.Id}' uses '{{{variable}}}', which is no slot of dialog '{dialog.Id}'.");
                }
            }
        }
    }

    private static void CheckSubDialogCycles(List<(YamlContentDocument Document, DialogDefinition Dialog)> documents, Dictionary<string, DialogDefinition> dialogs)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        foreach (var (_, dialog) in documents)
        {
            Visit(dialog.Id, []);
        }

        void Visit(string id, List<string> path)
        {
            if (state.GetValueOrDefault(id) == 2)
            {
                return;
            }

            path.Add(id);
            if (state.GetValueOrDefault(id) == 1)
            {
                var start = path.IndexOf(id);
                var origin = documents.First(d => d.Dialog.Id == path[start]).Document;
                throw Error(origin, "$.slots", $"sub-dialogs start each other in a cycle: {string.Join(" → ", path.Skip(start))}.");
            }

            state[id] = 1;
            foreach (var slot in dialogs[id].Slots.Where(s => s.Dialog is not null))
            {
                Visit(slot.Dialog!, path);
            }

            state[id] = 2;
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void CheckCondition(YamlContentDocument document, string at, Dictionary<string, ConditionValue>? when, HashSet<string> known)
    {
        foreach (var slot in when?.Keys ?? Enumerable.Empty<string>())
        {
            if (!known.Contains(slot))
            {
                throw Error(document, at, $"condition on '{slot}', which no slot or action of the dialog fills.");
            }
        }
    }

    private static void CheckTemplate(YamlContentDocument document, string at, LocalizedText? text, HashSet<string> known)
    {
        foreach (var variable in text?.Variants.Values.SelectMany(v => v).SelectMany(TemplateText.Variables) ?? [])
        {
            if (!known.Contains(variable))
            {
                throw Error(document, at, $"the text uses '{{{variable}}}', which no slot or action of the dialog fills.");
            }
        }
    }

    private static void CheckRegex(YamlContentDocument document, string at, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Error(document, at, $"not a valid regular expression: {e.Message}");
        }
    }

    private static BotDefinitionException Error(YamlContentDocument document, string jsonPath, string problem) =>
        new(document.File, document.LineOf(jsonPath), problem);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SlotNamePattern();
}
