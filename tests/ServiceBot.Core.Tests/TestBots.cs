using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Tests;

/// <summary>Bot definitions and turns built in memory for unit tests.</summary>
internal static class TestBots
{
    public static BotDefinition Bot(string yaml = "id: test\n", string? id = null)
    {
        var document = ServiceBot.Content.YamlContent.Parse(yaml, "bot.yaml");
        var root = (JsonObject)document.Root!;
        var botId = id ?? (string?)root["id"] ?? "test";
        return new BotDefinition(botId, botId, "zh-CN", ["zh-CN", "en-US"], "/tmp/bots/" + botId + "/bot.yaml", Path.GetTempPath(), root);
    }

    public static Activity Message(string text, string conversation = "c1", string user = "u1") => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ChannelId = "test",
        From = new ChannelAccount { Id = user },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = conversation },
    };

    public static TurnContext Turn(string text, BotDefinition? bot = null) =>
        new("turn-1", Message(text), bot ?? Bot(), new ConversationState(), DateTimeOffset.UnixEpoch);
}
