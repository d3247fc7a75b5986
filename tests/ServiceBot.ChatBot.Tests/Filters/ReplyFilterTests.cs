using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Tests.Support;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>Every post-generation rule firing on crafted replies, and grounded replies passing untouched.</summary>
public sealed class ReplyFilterTests : IAsyncLifetime
{
    private ChatBotServer _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bot = await ChatBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("自签收次日起7天内可以申请无理由退货，在“我的订单 → 申请售后”里提交。")]
    [InlineData("签收后七天内都能无理由退货，不过商品要完好、配件和发票齐全。")]
    [InlineData("仓库收到退货并验收后，1到3个工作日内原路退款。")]
    [InlineData("订单实付满99元就包邮，不满的话运费是8元。")]
    [InlineData("如需帮助可以拨打热线 400-820-6688。")]
    [InlineData("定制商品和贴身衣物不能无理由退货，其他商品签收后7天内可以退。")]
    [InlineData("Custom-made items can't be returned without a reason.")]
    public async Task GroundedReplyPassesEveryFilterUntouched(string reply)
    {
        var turn = GroundedTurn();
        foreach (var filter in Filters())
        {
            var result = await filter.CheckAsync(turn, turn.CreateReply(reply), reply, Ct);
            Assert.True(result.Verdict == ReplyVerdict.Pass, $"{filter.Name}: {result.Verdict} ({result.Reason})");
            Assert.Equal(reply, result.Text);
        }
    }

    [Fact]
    public async Task InventedAmountIsRemovedAndNamed()
    {
        var reply = "自签收次日起7天内可申请无理由退货。退货运费一般是¥10左右。";
        var result = await Filter("unsupported-facts").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("自签收次日起7天内可申请无理由退货。", result.Text);
        Assert.Contains("unsupported-amount: ¥10", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InventedPhoneIsCaught()
    {
        var reply = "如需退货可以拨打退货专线 400-820-1234 预约上门取件。";
        var result = await Filter("unsupported-facts").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Contains("unsupported-phone", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InventedDurationInEnglishIsCaught()
    {
        var reply = "You can return an item within 30 days of delivery.";
        var result = await Filter("unsupported-facts").CheckAsync(GroundedTurn("how do I return something", "en-US"), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Contains("30 days", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoUnsupportedSentencesBlockTheReply()
    {
        var reply = "退款会在10个工作日内到账。退款时会扣除5%的手续费。签收后7天内可以退货。";
        var result = await Filter("unsupported-facts").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
    }

    [Fact]
    public async Task WithoutGroundingEveryFactIsUnsupported()
    {
        var turn = _bot.Turn("怎么退货");
        var result = await Filter("unsupported-facts").CheckAsync(turn, null!, "支持7天无理由退货。", Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
    }

    [Fact]
    public async Task RepetitionLoopAfterAnAnswerIsCutBack()
    {
        var reply = "您好。7天内可以退货。" + string.Concat(Enumerable.Repeat("请问还有什么可以帮您？", 6));
        var result = await Filter("repetition").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("您好。7天内可以退货。请问还有什么可以帮您？", result.Text);
    }

    [Fact]
    public async Task ReplyThatIsOnlyALoopIsBlocked()
    {
        var reply = string.Concat(Enumerable.Repeat("好的好的，", 10));
        var result = await Filter("repetition").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
    }

    [Fact]
    public async Task ForbiddenPromiseSentenceIsRemovedByFastFix()
    {
        var reply = "自签收次日起7天内可申请无理由退货。我们保证退款，请您放心。";
        var result = await Filter("fastfix").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("自签收次日起7天内可申请无理由退货。", result.Text);
        Assert.Contains("no-guarantees", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompensationPromiseIsBlockedByFastFix()
    {
        var result = await Filter("fastfix").CheckAsync(GroundedTurn(), null!, "很抱歉，我们会双倍赔付。", Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Equal("fastfix:no-compensation-promises", result.Reason);
    }

    [Fact]
    public async Task FastFixReplaceRuleAppliesToEveryReplyWhenNotGeneratedOnly()
    {
        var turn = _bot.Turn("热线多少");
        var result = await Filter("fastfix").CheckAsync(turn, null!, "请拨打 400-820-1234。", Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("请拨打 400-820-6688。", result.Text);
    }

    [Fact]
    public async Task GeneratedOnlyFastFixRuleLeavesAuthoredRepliesAlone()
    {
        var turn = _bot.Turn("保证退款吗");
        var result = await Filter("fastfix").CheckAsync(turn, null!, "我们不保证退款。", Ct);

        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
    }

    [Fact]
    public async Task InventedProductNameIsCaught()
    {
        var reply = "退货时可以加购一台鹿鸣智能音箱。";
        var result = await Filter("unsupported-facts").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Contains("unsupported-name: 鹿鸣智能音箱", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepingWordTheSourcesNeverUseIsRemoved()
    {
        var reply = "仓库收到退货并验收后，1-3个工作日内原路退款。退款会立即到账。";
        var result = await Filter("unsupported-claims").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("仓库收到退货并验收后，1-3个工作日内原路退款。", result.Text);
        Assert.Equal("unsupported-absolute: 立即", result.Reason);
    }

    [Theory]
    [InlineData("定制商品也支持无理由退货。", "zh-CN", "定制商品也支持无理由退货")]
    [InlineData("Custom-made items can be returned without a reason.", "en-US", "Custom-made items can be returned without a reason")]
    public async Task ClauseThatFlipsThePolicyIsBlocked(string reply, string locale, string clause)
    {
        var result = await Filter("unsupported-claims").CheckAsync(GroundedTurn("能退吗", locale), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Equal("contradiction: " + clause, result.Reason);
    }

    [Fact]
    public async Task NegationInAConditionDoesNotContradict()
    {
        // The customer's condition carries the negation; the clause after it restates the policy.
        var reply = "如果商品没有拆封，签收后7天内可以申请无理由退货。";
        var result = await Filter("unsupported-claims").CheckAsync(GroundedTurn(), null!, reply, Ct);

        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
    }

    private TurnContext GroundedTurn(string text = "怎么退货", string locale = "zh-CN")
    {
        var turn = _bot.Turn(text, locale);
        turn.Features.Set(new GroundingContext(ShopPassages.All));
        return turn;
    }

    private IReplyFilter[] Filters() => [.. _bot.Server.Services.GetServices<IReplyFilter>()];

    private IReplyFilter Filter(string name) => Filters().Single(f => f.Name == name);
}
