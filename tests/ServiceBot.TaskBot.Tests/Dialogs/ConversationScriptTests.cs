using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceBot.Server.Endpoints;
using ServiceBot.TaskBot.Tests.Support;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Dialogs;

/// <summary>
/// Runs every conversation of the <c>*.test.yaml</c> scripts beside the sample dialogs through the
/// real server (funnel, KB-Bot, ChatBot included) and the sample backend over HTTP.
/// </summary>
public sealed class ConversationScriptTests(ShopServer shop) : IClassFixture<ShopServer>
{
    public static TheoryData<string, string> Scripts => ConversationScriptFile.All();

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ConversationRunsAsScripted(string file, string name)
    {
        var script = ConversationScriptFile.Load(Path.Combine(SharedData.RepositoryRoot, "dialogs", "shop", file)).Conversations.Single(c => c.Name == name);
        var chat = shop.Server.Conversation(locale: script.Locale);
        var number = 0;
        foreach (var turn in script.Turns)
        {
            number++;
            var response = await chat.Send(turn.User);
            var text = string.Join("\n", response.Replies.Select(r => r.Text));
            var where = $"{file} / {name} / turn {number} \"{turn.User}\" got [{response.AnsweredBy}] {text}";
            if (turn.By is not null)
            {
                Assert.True(string.Equals(turn.By, response.AnsweredBy, StringComparison.Ordinal), $"expected {turn.By} to answer: {where}");
            }

            if (turn.Reply is not null)
            {
                Assert.True(Regex.IsMatch(text, turn.Reply, RegexOptions.None, TimeSpan.FromSeconds(1)), $"expected reply /{turn.Reply}/: {where}");
            }

            if (turn.Button is not null)
            {
                var buttons = response.Replies.SelectMany(r => r.SuggestedActions?.Actions ?? []).Select(a => a.Title).ToList();
                Assert.True(buttons.Contains(turn.Button), $"expected button '{turn.Button}' among [{string.Join(", ", buttons)}]: {where}");
            }

            var slots = Slots(response);
            foreach (var (slot, expected) in turn.Slots ?? [])
            {
                Assert.True(string.Equals(expected, slots?.GetValueOrDefault(slot), StringComparison.Ordinal), $"expected slot {slot}={expected ?? "(empty)"}, dialog holds {JsonSerializer.Serialize(slots)}: {where}");
            }

            if (turn.Ended)
            {
                Assert.True(slots is null, $"expected no workflow left running: {where}");
            }
        }
    }

    // The slots of the dialog on top of the stack, as the trace of the turn shows them; null when no
    // workflow is left running.
    private static Dictionary<string, string>? Slots(TurnApiResponse response)
    {
        foreach (var step in response.Trace?.Steps ?? [])
        {
            if (step.Notes?.GetValueOrDefault("taskbot.slots") is JsonElement { ValueKind: JsonValueKind.Object } element)
            {
                return element.Deserialize<Dictionary<string, string>>();
            }
        }

        return null;
    }
}
