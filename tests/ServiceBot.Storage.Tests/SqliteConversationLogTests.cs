using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Storage.Sqlite;

namespace ServiceBot.Storage.Tests;

public sealed class SqliteConversationLogTests : IDisposable
{
    private readonly TempBots _bots = new("shop");
    private readonly SqliteConversationLog _log;

    public SqliteConversationLogTests() => _log = new SqliteConversationLog(new SqliteDatabases(_bots));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    private static TurnRecord Record(string turn, string conversation, int minute, TurnOutcome outcome = TurnOutcome.Answered)
    {
        var trace = new TurnTrace(turn) { AnsweredBy = "kbbot", Outcome = outcome, TotalMs = 4.2 };
        var step = trace.BeginStep("router/kbbot");
        step.AddCandidates([new TraceCandidate("kbbot/bm25", "returns-how", "怎么退货", 9.1, 0.93)]);
        trace.EndStep(step);
        return new TurnRecord
        {
            TurnId = turn,
            BotId = "shop",
            ConversationId = conversation,
            ChannelId = "webchat",
            UserId = "u1",
            Timestamp = new DateTimeOffset(2026, 11, 22, 10, minute, 0, TimeSpan.Zero),
            Locale = "zh-CN",
            UserText = "怎么退货",
            ReplyTexts = ["七天无理由退货"],
            AnsweredBy = "kbbot",
            Outcome = outcome,
            Confidence = 0.93,
            Topic = "returns-how",
            ElapsedMs = 4.2,
            Trace = trace,
            NeedsReview = outcome != TurnOutcome.Answered,
        };
    }

    [Fact]
    public async Task ConversationComesBackInOrderWithItsTrace()
    {
        await _log.AppendAsync(Record("t2", "c1", 2), Ct);
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        await _log.AppendAsync(Record("t3", "c2", 3), Ct);

        var turns = await _log.GetConversationAsync("shop", "c1", Ct);

        Assert.Equal(["t1", "t2"], turns.Select(t => t.TurnId));
        var candidate = Assert.Single(turns[0].Trace!.Find("router/kbbot")!.Candidates!);
        Assert.Equal(0.93, candidate.Probability);
        Assert.Equal(["七天无理由退货"], turns[0].ReplyTexts);
        Assert.Equal("returns-how", turns[0].Topic);
    }

    [Fact]
    public async Task AppendingTheSameTurnTwiceKeepsOneRecord()
    {
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        Assert.Single(await _log.GetConversationAsync("shop", "c1", Ct));
    }

    [Fact]
    public async Task QueryFindsTurnsForReviewNewestFirst()
    {
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        await _log.AppendAsync(Record("t2", "c1", 2, TurnOutcome.Fallback), Ct);
        await _log.AppendAsync(Record("t3", "c2", 3, TurnOutcome.Suggested), Ct);

        var review = await _log.QueryAsync(new TurnLogQuery { BotId = "shop", NeedsReview = true }, Ct);
        var fallbacks = await _log.QueryAsync(new TurnLogQuery { BotId = "shop", Outcome = TurnOutcome.Fallback }, Ct);
        var window = await _log.QueryAsync(new TurnLogQuery { BotId = "shop", Since = new DateTimeOffset(2026, 11, 22, 10, 2, 0, TimeSpan.Zero), Limit = 1 }, Ct);

        Assert.Equal(["t3", "t2"], review.Select(r => r.TurnId));
        Assert.Equal(["t2"], fallbacks.Select(r => r.TurnId));
        Assert.Equal(["t3"], window.Select(r => r.TurnId));
    }

    [Fact]
    public async Task FeedbackAttachesToKnownTurnsOnly()
    {
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        var at = DateTimeOffset.UtcNow;

        Assert.True(await _log.AddFeedbackAsync("shop", new TurnFeedback("t1", FeedbackKind.ThumbsDown, "没解决", at), Ct));
        Assert.False(await _log.AddFeedbackAsync("shop", new TurnFeedback("nope", FeedbackKind.ThumbsUp, null, at), Ct));

        var feedback = Assert.Single(await _log.GetFeedbackAsync("shop", "t1", Ct));
        Assert.Equal(FeedbackKind.ThumbsDown, feedback.Kind);
        Assert.Equal("没解决", feedback.Comment);
    }

    [Fact]
    public async Task LogSurvivesReopeningTheFile()
    {
        await _log.AppendAsync(Record("t1", "c1", 1), Ct);
        var reopened = new SqliteConversationLog(new SqliteDatabases(_bots));
        Assert.NotNull(await reopened.GetTurnAsync("shop", "t1", Ct));
    }
}
