using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Content;

namespace ServiceBot.Funnel.Tests;

/// <summary>Bots and turns built in memory for driving the stages directly.</summary>
internal static class TestBots
{
    public static BotDefinition Bot(string yaml = "id: test\n", string? directory = null)
    {
        var root = (JsonObject)YamlContent.Parse(yaml, "bot.yaml").Root!;
        var id = (string?)root["id"] ?? "test";
        var dir = directory ?? Path.GetTempPath();
        return new BotDefinition(id, id, "zh-CN", ["zh-CN", "en-US"], Path.Combine(dir, "bot.yaml"), dir, root);
    }

    public static TurnContext Turn(string? text, BotDefinition? bot = null, string conversation = "c1", string user = "u1", string channel = "test", string? locale = null, DateTimeOffset? now = null) =>
        new("turn-" + Guid.NewGuid().ToString("N")[..8], new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            ChannelId = channel,
            Locale = locale,
            From = new ChannelAccount { Id = user },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = conversation },
        }, bot ?? Bot(), new ConversationState { ConversationId = conversation }, now ?? DateTimeOffset.UnixEpoch);

    /// <summary>Runs a stage with a <c>next</c> that records whether it was reached.</summary>
    public static async Task<bool> RunAsync(ITurnStage stage, TurnContext turn)
    {
        var reached = false;
        var step = turn.Trace.BeginStep(stage.Name);
        await stage.InvokeAsync(turn, (_, _) => { reached = true; return ValueTask.CompletedTask; }, TestContext.Current.CancellationToken);
        turn.Trace.EndStep(step);
        return reached;
    }
}
