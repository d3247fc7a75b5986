using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Tests.Support;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>
/// The unsupported-facts filter on figures a reply works out or writes in words: arithmetic the reply
/// shows on supported amounts passes, figures that only happen to be arithmetic on the sources do not;
/// 9块9, "five thousand yuan", possessive names and "those three areas" read as what they say.
/// </summary>
public sealed class ShownWorkTests : IAsyncLifetime
{
    private static readonly RetrievedPassage[] Passages =
    [
        new("install-fees", "faq", "安装怎么收费？", "免费安装包含3米以内的管路。超出部分：空调铜管每米¥80，高空作业每次¥150。", 0),
        new("subscribe-price", "faq", "会员多少钱？", "月卡¥15，年卡¥148，首次开通连续包月首月¥9.9。", 0),
        new("crossborder-limit", "faq", "Cross-border limits", "Each cross-border purchase is limited to ¥5,000, and ¥26,000 per person a year. The buyer must match the payer, e.g. Li Hua.", 0),
        new("tradein-bonus", "faq", "以旧换新补贴", "选择抵扣购买新机的，额外补贴：手机¥100，平板电脑和智能手表¥50，笔记本电脑¥200。", 0),
        new("tradein-bonus-en", "faq", "Trade-in bonus", "If you use it towards a new device, you get a bonus: ¥100 for phones, ¥50 for tablets and smartwatches, and ¥200 for laptops.", 0),
        new("warranty-price", "faq", "延保多少钱？", "延保2年的价格为实付金额的8%。每满¥300减¥40。", 0),
        new("flash-sale", "faq", "秒杀规则", "每场秒杀持续2小时，年中大促到6月18日23:59结束。Pay within 15 minutes of winning.", 0),
        new("corporate-credit", "faq", "Corporate credit", "Companies can get a credit limit of up to ¥500,000.", 0),
        new("shipinsure-en", "faq", "Return shipping insurance", "Jiangsu, Zhejiang and Shanghai get ¥8 towards return shipping; other areas get ¥12.", 0),
    ];

    private ChatBotServer _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bot = await ChatBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("超出的2米按每米¥80收费，需要另付¥160。")]
    [InlineData("高空作业¥150，加上1米铜管¥80，一共¥230。")]
    [InlineData("月卡¥15，买12个月是¥180；年卡¥148，相当于省了¥32。")]
    [InlineData("Twelve months at ¥15 comes to ¥180, which is ¥32 more than the ¥148 annual plan.")]
    [InlineData("首次开通连续包月的话，首月只需9块9。")]
    [InlineData("Each purchase can be at most five thousand yuan, and each person can spend up to twenty-six thousand yuan a year.")]
    [InlineData("The buyer has to match the payer, so if you pay with Li Hua's account, the order needs Li Hua's name.")]
    [InlineData("Outside those three areas it pays ¥12 towards your return shipping.")]
    [InlineData("Each purchase and each year have their own limit, in two figures:\n- ¥5,000 per purchase\n- ¥26,000 per year")]
    [InlineData("平板电脑抵扣新机可以额外补贴¥50，手机是¥100。")]
    [InlineData("年中大促到6月18日晚上11:59结束。")]
    [InlineData("The credit limit is up to five hundred thousand yuan.")]
    [InlineData("A laptop gets the largest bonus, ¥200.")]
    public async Task FiguresTheReplyShowsOrWritesInWordsPass(string reply)
    {
        var result = await Filter().CheckAsync(Turn(), null!, reply, Ct);

        Assert.True(result.Verdict == ReplyVerdict.Pass, $"{result.Verdict} ({result.Reason})");
    }

    [Theory]
    [InlineData("我的笔记本实付6000，延保两年多少钱", "延保2年是实付金额的8%，您实付¥6,000，需要¥480。")]
    [InlineData("下午两点那场几点结束", "14:00那场持续2小时，到下午4点结束。")]
    [InlineData("I won a blender at 10:03, how long do I have?", "You won it at 10:03 and have 15 minutes, so please pay by 10:18.")]
    [InlineData("My basket is ¥950, how much off?", "¥950 contains three full ¥300 steps, so you get 3 × ¥40 = ¥120 off.")]
    public async Task FiguresWorkedOutFromTheCustomersPass(string question, string reply)
    {
        var result = await Filter().CheckAsync(Turn(question), null!, reply, Ct);

        Assert.True(result.Verdict == ReplyVerdict.Pass, $"{result.Verdict} ({result.Reason})");
    }

    [Theory]
    [InlineData("我的笔记本实付6000，延保两年多少钱", "延保2年是实付金额的8%，您实付¥6,000，需要¥500。", "¥500")]
    [InlineData("I won a blender at 10:03, how long do I have?", "You won it at 10:03 and have 15 minutes, so please pay by 10:30.", "10:30")]
    [InlineData("My basket is ¥950, how much off?", "¥950 contains three full ¥300 steps, so you get ¥130 off.", "¥130")]
    public async Task WrongWorkOnTheCustomersFiguresIsCaught(string question, string reply, string figure)
    {
        var result = await Filter().CheckAsync(Turn(question), null!, reply, Ct);

        Assert.NotEqual(ReplyVerdict.Pass, result.Verdict);
        Assert.Contains(figure, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("高空作业比铜管每米贵¥70。", "¥70")] // 150 − 80, but the reply states neither
    [InlineData("超出的2米按每米¥80收费，需要另付¥180。", "¥180")] // wrong arithmetic
    [InlineData("首次开通连续包月的话，首月只需8块9。", "8块9")]
    [InlineData("Each purchase can be at most six thousand yuan.", "six thousand yuan")]
    [InlineData("年中大促到6月18日上午11:59结束。", "11:59")]
    [InlineData("平板电脑抵扣新机可以额外补贴¥100。", "¥100 for 平板电脑")] // the phones' row
    [InlineData("When you use the value towards a new device, tablets get a ¥100 bonus.", "¥100 for tablet")]
    [InlineData("Each purchase and each year have their own limit, in three figures:\n- ¥5,000 per purchase\n- ¥26,000 per year", "three figures")]
    [InlineData("Outside those areas it pays ¥20 towards your return shipping.", "¥20")]
    public async Task FiguresNoSourceOrShownWorkSupportsAreCaught(string reply, string figure)
    {
        var result = await Filter().CheckAsync(Turn(), null!, reply, Ct);

        Assert.NotEqual(ReplyVerdict.Pass, result.Verdict);
        Assert.Contains(figure, result.Reason, StringComparison.Ordinal);
    }

    private TurnContext Turn(string question = "多少钱")
    {
        var turn = _bot.Turn(question, "zh-CN");
        turn.Features.Set(new GroundingContext(Passages));
        return turn;
    }

    private IReplyFilter Filter() => _bot.Server.Services.GetServices<IReplyFilter>().Single(f => f.Name == "unsupported-facts");
}
