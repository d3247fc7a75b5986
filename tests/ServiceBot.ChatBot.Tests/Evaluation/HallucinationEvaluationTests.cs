using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.State;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.Content;
using ServiceBot.Testing;

namespace ServiceBot.ChatBot.Tests.Evaluation;

/// <summary>
/// The hallucination filter measured on the project's labelled set (docs/data/hallucination): every
/// reply goes through all reply filters of the sample bot with its grounding passages and
/// conversation, as the post-filter stage would run them. A reply the filters repair or block counts
/// as flagged. Prints recall of ungrounded replies and the false-flag rate of grounded ones per split
/// and per kind, and fails if they fall below what was measured (dev 96 % / 0 %, test 90.6 % / 0 %,
/// holdout 67.1 % / 1.4 %, holdout2 77.1 % / 0 %, holdout3 67.5 % / 5 %, all after fixes informed by
/// them; the blind scorings were holdout2 70 % / 14.3 % and holdout3 67.5 % / 18.8 %). The issue's
/// target of 95 % at 5 % is met on dev only: semantic errors, a quarter of the ungrounded replies, need
/// an entailment model.
/// </summary>
public sealed class HallucinationEvaluationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(SharedData.RepositoryRoot, "docs", "data", "hallucination");

    private ChatBotServer _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await ChatBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("dev", 0.96, 0.0)]
    [InlineData("test", 0.90, 0.0)]
    [InlineData("holdout", 0.67, 0.02)]
    [InlineData("holdout2", 0.77, 0.0)]
    [InlineData("holdout3", 0.67, 0.05)]
    public async Task TheFiltersCatchUngroundedRepliesAndLeaveGroundedOnesAlone(string split, double minRecall, double maxFalseFlags)
    {
        var contexts = LoadContexts();
        var cases = YamlContent.Load(Path.Combine(Folder, split + ".yaml")).Root!["cases"]!.AsArray();
        var filters = _bot.Server.Services.GetServices<IReplyFilter>().ToArray();
        var byKind = new SortedDictionary<string, (int Total, int Flagged)>(StringComparer.Ordinal);
        int ungrounded = 0, caught = 0, grounded = 0, falseFlags = 0;

        foreach (var node in cases)
        {
            var item = node!.AsObject();
            var (locale, passages) = contexts[(string)item["context"]!];
            var state = new ConversationState();
            foreach (var said in item["conversation"]?.AsArray() ?? [])
            {
                state.RecentTurns.Add(new TurnSummary { UserText = (string)said!, At = DateTimeOffset.UtcNow });
            }

            var turn = _bot.Turn((string)item["question"]!, locale, state: state);
            turn.Features.Set(new GroundingContext(passages));
            var reply = (string)item["reply"]!;
            var flaggedBy = new List<string>();
            var text = reply;
            foreach (var filter in filters)
            {
                var result = await filter.CheckAsync(turn, turn.CreateReply(text), text, TestContext.Current.CancellationToken);
                if (result.Verdict != ReplyVerdict.Pass)
                {
                    flaggedBy.Add($"{filter.Name}:{result.Verdict}({result.Reason})");
                }

                if (result.Verdict == ReplyVerdict.Blocked)
                {
                    break;
                }

                text = result.Text;
            }

            var isGrounded = (string)item["label"]! == "grounded";
            var flagged = flaggedBy.Count > 0;
            var kind = (isGrounded ? "grounded/" : "ungrounded/") + (string)item["kind"]!;
            var (total, hits) = byKind.GetValueOrDefault(kind);
            byKind[kind] = (total + 1, hits + (flagged ? 1 : 0));
            if (isGrounded)
            {
                grounded++;
                falseFlags += flagged ? 1 : 0;
            }
            else
            {
                ungrounded++;
                caught += flagged ? 1 : 0;
            }

            if (isGrounded == flagged)
            {
                output.WriteLine($"{(isGrounded ? "FALSE FLAG" : "MISSED")} {item["id"]} [{kind}] {reply} {string.Join("; ", flaggedBy)}");
            }
        }

        var recall = (double)caught / ungrounded;
        var falseRate = (double)falseFlags / grounded;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{split}: {cases.Count} replies; ungrounded {ungrounded}, caught {caught} (recall {recall:P1}); grounded {grounded}, flagged {falseFlags} ({falseRate:P1})"));
        foreach (var (kind, (total, hits)) in byKind)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {total} | {hits} |"));
        }

        Assert.True(recall >= minRecall, string.Create(CultureInfo.InvariantCulture, $"recall {recall:P1} < {minRecall:P0}"));
        Assert.True(falseRate <= maxFalseFlags, string.Create(CultureInfo.InvariantCulture, $"false flags {falseRate:P1} > {maxFalseFlags:P0}"));
    }

    private static Dictionary<string, (string Locale, RetrievedPassage[] Passages)> LoadContexts()
    {
        var root = YamlContent.Load(Path.Combine(Folder, "contexts.yaml")).Root!["contexts"]!.AsObject();
        var contexts = new Dictionary<string, (string, RetrievedPassage[])>(StringComparer.Ordinal);
        foreach (var (name, value) in root)
        {
            var passages = value!["passages"]!.AsArray()
                .Select(p => new RetrievedPassage((string)p!["id"]!, "faq", (string)p["title"]!, (string)p["text"]!, 0))
                .ToArray();
            contexts[name] = ((string)value["locale"]!, passages);
        }

        return contexts;
    }
}
