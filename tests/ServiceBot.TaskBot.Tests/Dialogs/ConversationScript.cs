using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.TaskBot.Tests.Dialogs;

/// <summary>A <c>*.test.yaml</c> file beside a bot's dialogs: conversations to run through the real pipeline.</summary>
public sealed class ConversationScriptFile
{
    public List<ConversationScript> Conversations { get; set; } = [];

    /// <summary>Every conversation of every script in the sample bot's dialogs folder, as theory rows.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(ServiceBot.Testing.SharedData.RepositoryRoot, "dialogs", "shop"), "*.test.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var conversation in Load(path).Conversations)
            {
                data.Add(Path.GetFileName(path), conversation.Name);
            }
        }

        return data;
    }

    public static ConversationScriptFile Load(string path) => YamlContent.Load(path).Bind<ConversationScriptFile>(BotSettingsJson.Options);
}

/// <summary>One scripted conversation.</summary>
public sealed class ConversationScript
{
    public string Name { get; set; } = "";

    public string Locale { get; set; } = "zh-CN";

    public List<ScriptTurn> Turns { get; set; } = [];
}

/// <summary>What the customer says and what must follow.</summary>
public sealed class ScriptTurn
{
    public string User { get; set; } = "";

    /// <summary>The layer that must answer: <c>taskbot</c>, <c>kbbot</c>, <c>chatbot</c>, <c>rules</c>.</summary>
    public string? By { get; set; }

    /// <summary>A regular expression the replies' text (joined by new lines) must match.</summary>
    public string? Reply { get; set; }

    /// <summary>A suggested action the replies must offer.</summary>
    public string? Button { get; set; }

    /// <summary>Slot values the dialog must hold afterwards; null means "not filled".</summary>
    public Dictionary<string, string?>? Slots { get; set; }

    /// <summary>True when no workflow may be left running after the turn.</summary>
    public bool Ended { get; set; }
}
