using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Storage.Sqlite;

namespace ServiceBot.Storage.Tests;

public sealed class SqliteKnowledgeStoreTests : IDisposable
{
    private readonly TempBots _bots = new("shop", "other");
    private readonly SqliteKnowledgeStore _store;

    public SqliteKnowledgeStoreTests() => _store = new SqliteKnowledgeStore(new SqliteDatabases(_bots), TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    private static FaqEntry Faq(string id, string question = "怎么退货？", string answer = "七天无理由退货。") => new()
    {
        Id = id,
        StandardQuestion = question,
        SimilarQuestions = ["退货流程", "如何申请退货"],
        Answer = new RichAnswer { Text = answer, Format = "markdown", Buttons = [new AnswerButton { Title = "申请退货", Value = "我要退货" }] },
        Category = "returns",
        Tags = ["退货"],
        ChannelAnswers = new(StringComparer.Ordinal) { ["slack"] = RichAnswer.Plain("Slack 版本") },
        Locale = "zh-CN",
        ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task SavedEntryComesBackWholeWithVersionOne()
    {
        var saved = await _store.SaveFaqAsync("shop", Faq("returns-how"), null, Ct);
        var read = await _store.GetFaqAsync("shop", "returns-how", Ct);

        Assert.Equal(1, saved.Version);
        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
        Assert.Equal(["退货流程", "如何申请退货"], read.SimilarQuestions);
        Assert.Equal("我要退货", Assert.Single(read.Answer.Buttons).Value);
        Assert.Equal("Slack 版本", read.ChannelAnswers["slack"].Text);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), read.ValidFrom);
        Assert.Null(await _store.GetFaqAsync("shop", "missing", Ct));
    }

    [Fact]
    public async Task EverySaveRaisesTheVersionAndTheRevision()
    {
        var before = await _store.GetRevisionAsync("shop", Ct);
        await _store.SaveFaqAsync("shop", Faq("a"), null, Ct);
        var second = await _store.SaveFaqAsync("shop", Faq("a", answer: "新答案"), 1, Ct);

        Assert.Equal(2, second.Version);
        Assert.Equal(before + 2, await _store.GetRevisionAsync("shop", Ct));
    }

    [Fact]
    public async Task StaleSaveIsRejectedAndTheNewerEntryKept()
    {
        await _store.SaveFaqAsync("shop", Faq("a"), null, Ct);
        await _store.SaveFaqAsync("shop", Faq("a", answer: "第二版"), 1, Ct);

        var conflict = await Assert.ThrowsAsync<KnowledgeConflictException>(async () => await _store.SaveFaqAsync("shop", Faq("a", answer: "过期的修改"), 1, Ct));

        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal("第二版", (await _store.GetFaqAsync("shop", "a", Ct))!.Answer.Text);
    }

    [Fact]
    public async Task BotsHaveSeparateKnowledgeBases()
    {
        await _store.SaveFaqAsync("shop", Faq("a"), null, Ct);
        Assert.Empty(await _store.ListFaqsAsync("other", Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _store.ListFaqsAsync("nobody", Ct));
    }

    [Fact]
    public async Task MergeImportAddsUpdatesAndKeepsUnchangedEntries()
    {
        await _store.ImportFaqsAsync("shop", [Faq("a"), Faq("b")], KnowledgeImportMode.Merge, Ct);

        var summary = await _store.ImportFaqsAsync("shop", [Faq("a"), Faq("b", answer: "改了"), Faq("c")], KnowledgeImportMode.Merge, Ct);

        Assert.Equal((1, 1, 1, 0), (summary.Added, summary.Updated, summary.Unchanged, summary.Deleted));
        var entries = await _store.ListFaqsAsync("shop", Ct);
        Assert.Equal(["a", "b", "c"], entries.Select(e => e.Id));
        Assert.Equal([1L, 2L, 1L], entries.Select(e => e.Version));
    }

    [Fact]
    public async Task ReplaceImportMakesTheKbExactlyTheImport()
    {
        await _store.ImportFaqsAsync("shop", [Faq("a"), Faq("b")], KnowledgeImportMode.Merge, Ct);

        var summary = await _store.ImportFaqsAsync("shop", [Faq("b"), Faq("c")], KnowledgeImportMode.Replace, Ct);

        Assert.Equal(1, summary.Deleted);
        Assert.Equal(["b", "c"], (await _store.ListFaqsAsync("shop", Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task ImportWithABadEntryChangesNothing()
    {
        await _store.ImportFaqsAsync("shop", [Faq("a")], KnowledgeImportMode.Merge, Ct);
        var revision = await _store.GetRevisionAsync("shop", Ct);

        await Assert.ThrowsAsync<ArgumentException>(async () => await _store.ImportFaqsAsync("shop", [Faq("b"), Faq("b")], KnowledgeImportMode.Replace, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _store.ImportFaqsAsync("shop", [Faq("c"), Faq("")], KnowledgeImportMode.Replace, Ct));

        Assert.Equal(["a"], (await _store.ListFaqsAsync("shop", Ct)).Select(e => e.Id));
        Assert.Equal(revision, await _store.GetRevisionAsync("shop", Ct));
    }

    [Fact]
    public async Task DeleteRemovesAnEntryOnce()
    {
        await _store.SaveFaqAsync("shop", Faq("a"), null, Ct);
        Assert.True(await _store.DeleteFaqAsync("shop", "a", Ct));
        Assert.False(await _store.DeleteFaqAsync("shop", "a", Ct));
        Assert.Empty(await _store.ListFaqsAsync("shop", Ct));
    }

    [Fact]
    public async Task ConcurrentSavesOfDifferentEntriesAllLand()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _store.SaveFaqAsync("shop", Faq("e" + i), null, Ct).AsTask()));
        Assert.Equal(40, (await _store.ListFaqsAsync("shop", Ct)).Count);
        Assert.Equal(40, await _store.GetRevisionAsync("shop", Ct));
    }
}
