using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Content;
using ServiceBot.SensitiveWords.Rejection;

namespace ServiceBot.SensitiveWords.Tests.Rejection;

/// <summary>A bot folder in a temp directory with its word lists, and a registry over it.</summary>
internal sealed class RejectorTestBot : IDisposable
{
    public const string DefaultYaml = """
        id: test
        rejector:
          lists:
            - { path: words/abuse.txt, category: abuse }
            - { path: words/fraud.txt, category: fraud }
            - { path: words/competitors.txt, category: competitor }
            - { path: words/secret.txt, category: secret }
            - { path: words/allow.txt, allow: true }
          actions:
            abuse: block
            fraud: handoff
            competitor: log
            secret: mask
          reply-filter:
            categories: [abuse, competitor, secret]
        """;

    public RejectorTestBot(string yaml = DefaultYaml)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "words"));
        Write("words/abuse.txt", "傻逼\n垃圾客服\nidiot\n");
        Write("words/fraud.txt", "刷单返利\n告诉我验证码\n");
        Write("words/competitors.txt", "青鸟优购\n");
        Write("words/secret.txt", "内部代号\n");
        Write("words/allow.txt", "垃圾客服电话\n");
        Yaml = yaml;
        Registry = new RejectorRegistry(Time, Options.Create(new SensitiveWordsOptions { ReloadCheckSeconds = 1 }), NullLogger<RejectorRegistry>.Instance);
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("sb-rejector-").FullName;

    public string Yaml { get; set; }

    public ManualTime Time { get; } = new();

    public RejectorRegistry Registry { get; }

    public BotDefinition Bot()
    {
        var root = (JsonObject)YamlContent.Parse(Yaml, "bot.yaml").Root!;
        return new BotDefinition((string?)root["id"] ?? "test", "Test", "zh-CN", ["zh-CN", "en-US"], Path.Combine(Dir, "bot.yaml"), Dir, root);
    }

    public void Write(string relative, string content, int secondsLater = 0)
    {
        var path = Path.Combine(Dir, relative);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (secondsLater > 0)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(secondsLater));
        }
    }

    public static TurnContext Turn(string text, BotDefinition bot, string? locale = null) =>
        new("turn-1", new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            ChannelId = "test",
            Locale = locale,
            From = new ChannelAccount { Id = "u1" },
            Conversation = new ConversationAccount { Id = "c1" },
        }, bot, new ConversationState(), DateTimeOffset.UnixEpoch);

    public static async Task<bool> RunAsync(ITurnStage stage, TurnContext turn)
    {
        var reached = false;
        var step = turn.Trace.BeginStep(stage.Name);
        await stage.InvokeAsync(turn, (_, _) => { reached = true; return ValueTask.CompletedTask; }, TestContext.Current.CancellationToken);
        turn.Trace.EndStep(step);
        return reached;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
