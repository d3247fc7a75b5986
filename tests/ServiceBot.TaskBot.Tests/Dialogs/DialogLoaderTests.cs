using ServiceBot.Abstractions.Bots;
using ServiceBot.TaskBot.Dialogs;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Dialogs;

/// <summary>Bad dialog files stop the bot at load with the file and line; the sample dialogs load.</summary>
public sealed class DialogLoaderTests : IDisposable
{
    private const string Valid = """
        id: ask-name
        examples: { zh: [我要登记名字], en: [register my name] }
        slots:
          - name: name
            type: text
            prompt: 请问怎么称呼？
        complete:
          replies:
            - text: 好的，{name}。
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-dialogs-").FullName;

    [Fact]
    public void TheSampleDialogsLoad()
    {
        var set = DialogLoader.Load(Path.Combine(SharedData.RepositoryRoot, "dialogs", "shop"), new TaskBotLexicon());

        Assert.Contains("return-request", set.Dialogs.Keys);
        Assert.Contains("verify-phone", set.Dialogs.Keys);
        Assert.True(set.Types.Contains("return-reason"));
        Assert.True(set.Dialogs.Count >= 7);
    }

    [Fact]
    public void AValidDialogLoads()
    {
        Write("ask-name.yaml", Valid);

        Assert.Single(DialogLoader.Load(_folder, new TaskBotLexicon()).Dialogs);
    }

    [Fact]
    public void AMisspeltKeyNamesFileAndLine()
    {
        Write("ask-name.yaml", Valid.Replace("    prompt:", "    promt:", StringComparison.Ordinal));

        var error = Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon()));

        Assert.EndsWith("ask-name.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("promt", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void AnUnknownSlotTypeNamesFileLineAndType()
    {
        Write("ask-name.yaml", Valid.Replace("type: text", "type: shoe-size", StringComparison.Ordinal));

        var error = Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon()));

        Assert.Equal(5, error.Line);
        Assert.Contains("unknown type 'shoe-size'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubDialogsThatStartEachOtherAreACycle()
    {
        Write("a.yaml", """
            id: a
            examples: { zh: [开始甲] }
            slots:
              - { name: x, dialog: b }
            complete: { replies: [ { text: 完成 } ] }
            """);
        Write("b.yaml", """
            id: b
            triggerable: false
            slots:
              - { name: y, dialog: a }
            complete: { replies: [ { text: 完成 } ] }
            """);

        var error = Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon()));

        Assert.Contains("cycle: a → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingActionATemplateVariableAndABadPatternAreCaught()
    {
        Write("ask-name.yaml", Valid.Replace("    prompt: 请问怎么称呼？", "    prompt: 请问怎么称呼？\n    check: lookup", StringComparison.Ordinal));
        Assert.Contains("action 'lookup'", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);

        Write("ask-name.yaml", Valid.Replace("好的，{name}。", "好的，{nickname}。", StringComparison.Ordinal));
        Assert.Contains("{nickname}", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);

        Write("ask-name.yaml", Valid.Replace("    prompt: 请问怎么称呼？", "    prompt: 请问怎么称呼？\n    channel-prompts: { slack: '{nick}?' }", StringComparison.Ordinal));
        Assert.Contains("{nick}", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);

        Write("ask-name.yaml", Valid.Replace("    prompt: 请问怎么称呼？", "    prompt: 请问怎么称呼？\n    validate: { pattern: '[a-' }", StringComparison.Ordinal));
        Assert.Contains("not a valid regular expression", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotYamlAndDuplicateIdsAreCaught()
    {
        Write("ask-name.yaml", "id: [unclosed");
        Assert.Contains("not valid YAML", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);

        Write("ask-name.yaml", Valid);
        Write("again.yaml", Valid);
        Assert.Contains("also used by", Assert.Throws<BotDefinitionException>(() => DialogLoader.Load(_folder, new TaskBotLexicon())).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_folder, name), yaml);
}
