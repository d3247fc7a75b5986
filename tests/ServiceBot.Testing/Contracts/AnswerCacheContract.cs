using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Testing.Contracts;

/// <summary>The behaviour every <see cref="IAnswerCache"/> must have.</summary>
public abstract class AnswerCacheContract
{
    protected abstract Task<IAnswerCache> CreateCacheAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CachedAnswer Entry(string bot, string key, string text = "七天无理由退货") => new()
    {
        BotId = bot,
        Key = key,
        Question = key,
        Answer = new RichAnswer { Text = text, Format = "markdown", Buttons = [new AnswerButton { Title = "申请退货" }] },
        FaqId = "returns-how",
        FaqVersion = 3,
        Locale = "zh-CN",
        Source = "promoted",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task ReturnsWhatWasStoredWithItsButtonsAndFaqVersion()
    {
        var cache = await CreateCacheAsync();
        var bot = "b" + Guid.NewGuid().ToString("N")[..6];
        await cache.SetAsync(Entry(bot, "怎么退货"), Ct);
        var found = await cache.GetAsync(bot, "怎么退货", Ct);
        Assert.NotNull(found);
        Assert.Equal("七天无理由退货", found.Answer.Text);
        Assert.Equal("申请退货", Assert.Single(found.Answer.Buttons).Title);
        Assert.Equal(3, found.FaqVersion);
        Assert.Null(await cache.GetAsync(bot, "怎么换货", Ct));
    }

    [Fact]
    public async Task KeepsBotsApart()
    {
        var cache = await CreateCacheAsync();
        var a = "a" + Guid.NewGuid().ToString("N")[..6];
        var b = "b" + Guid.NewGuid().ToString("N")[..6];
        await cache.SetAsync(Entry(a, "怎么退货"), Ct);
        Assert.Null(await cache.GetAsync(b, "怎么退货", Ct));
        Assert.Empty(await cache.ListAsync(b, Ct));
    }

    [Fact]
    public async Task CountsHitsAndRestartsTheCountWhenTheEntryIsReplaced()
    {
        var cache = await CreateCacheAsync();
        var bot = "b" + Guid.NewGuid().ToString("N")[..6];
        await cache.SetAsync(Entry(bot, "怎么退货"), Ct);
        Assert.Equal(1, await cache.RecordHitAsync(bot, "怎么退货", Ct));
        Assert.Equal(2, await cache.RecordHitAsync(bot, "怎么退货", Ct));
        Assert.Equal(2, (await cache.GetAsync(bot, "怎么退货", Ct))!.Hits);
        Assert.Equal(2, Assert.Single(await cache.ListAsync(bot, Ct)).Hits);

        await cache.SetAsync(Entry(bot, "怎么退货", "新答案"), Ct);
        Assert.Equal(0, (await cache.GetAsync(bot, "怎么退货", Ct))!.Hits);
        Assert.Equal(0, await cache.RecordHitAsync(bot, "没有的问题", Ct));
    }

    [Fact]
    public async Task RemovesEntries()
    {
        var cache = await CreateCacheAsync();
        var bot = "b" + Guid.NewGuid().ToString("N")[..6];
        await cache.SetAsync(Entry(bot, "怎么退货"), Ct);
        await cache.SetAsync(Entry(bot, "运费多少"), Ct);
        Assert.True(await cache.RemoveAsync(bot, "怎么退货", Ct));
        Assert.False(await cache.RemoveAsync(bot, "怎么退货", Ct));
        Assert.Equal(["运费多少"], (await cache.ListAsync(bot, Ct)).Select(e => e.Key));
    }
}
