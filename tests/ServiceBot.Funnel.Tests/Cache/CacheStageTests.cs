using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core;
using ServiceBot.Funnel.Cache;
using ServiceBot.Storage;

namespace ServiceBot.Funnel.Tests.Cache;

/// <summary>The cache stage over the real in-process answer cache and the real SQLite knowledge store.</summary>
public sealed class CacheStageTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-cache-").FullName;
    private readonly ServiceProvider _services;
    private readonly SwitchableDialog _dialog = new();
    private readonly CacheStage _stage;
    private readonly IAnswerCache _cache;
    private readonly IKnowledgeStore _knowledge;

    public CacheStageTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bots", "test"));
        File.WriteAllText(Path.Combine(_dir, "bots", "test", "bot.yaml"), "id: test\nname: Test\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:DataDirectory"] = _dir,
            ["ServiceBot:BotsDirectory"] = Path.Combine(_dir, "bots"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddServiceBotCore(configuration).AddServiceBotStorage(configuration).AddServiceBotFunnel(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _dir, EnvironmentName = Environments.Development, ApplicationName = "test" });
        services.AddSingleton<IDialogResponder>(_dialog);
        _services = services.BuildServiceProvider();
        _stage = ActivatorUtilities.CreateInstance<CacheStage>(_services);
        _cache = _services.GetRequiredService<IAnswerCache>();
        _knowledge = _services.GetRequiredService<IKnowledgeStore>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private ValueTask Put(string question, string answer, string? faqId = null, long? version = null, string? locale = null) =>
        _cache.SetAsync(new CachedAnswer { BotId = "test", Key = MessageKey.Of(question), Question = question, Answer = RichAnswer.Plain(answer), FaqId = faqId, FaqVersion = version, Locale = locale, CreatedAt = DateTimeOffset.UnixEpoch }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnswersAnExactQuestion_IgnoringPunctuationWidthAndCase()
    {
        await Put("运费怎么算？", "满99元包邮，否则运费8元。");
        var turn = TestBots.Turn("运费怎么算!!");

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.Answered, turn.Outcome);
        Assert.Equal("cache", turn.AnsweredBy);
        Assert.Equal("满99元包邮，否则运费8元。", turn.Replies[0].Text);
        Assert.Equal("exact", turn.Trace.Find("cache")!.Notes!["match"]);
        Assert.Equal(1L, (await _cache.GetAsync("test", MessageKey.Of("运费怎么算"), TestContext.Current.CancellationToken))!.Hits);
    }

    [Fact]
    public async Task AnswersANearDuplicateOfALongerQuestion()
    {
        await Put("请问退款一般多久能到账", "退款在收到退货后1-3个工作日内原路退回。");
        var turn = TestBots.Turn("请问退款一般多久可以到账呢");

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal("near", turn.Trace.Find("cache")!.Notes!["match"]);
    }

    [Fact]
    public async Task DoesNotTreatADifferentQuestionAsANearDuplicate()
    {
        await Put("请问退款一般多久能到账", "退款在收到退货后1-3个工作日内原路退回。");

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("请问发票一般多久能开好")));
        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("会员积分怎么兑换优惠券")));
    }

    [Theory]
    [InlineData("为什么能退款呢", "为什么不能退款呢")]
    [InlineData("iphone15有货吗现在", "iphone16有货吗现在")]
    public async Task DoesNotTreatANegationOrAnotherNumberAsANearDuplicate(string cached, string asked)
    {
        await Put(cached, "cached answer");

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn(asked)));
    }

    [Fact]
    public async Task ShortMessagesMatchExactlyOnly()
    {
        await Put("退货", "请在订单页申请退货。");

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("退款")));
    }

    [Fact]
    public async Task StepsAsideWhileAWorkflowCollectsSlots()
    {
        await Put("退货", "请在订单页申请退货。");
        _dialog.Active = true;
        var turn = TestBots.Turn("退货");

        Assert.True(await TestBots.RunAsync(_stage, turn));
        Assert.Equal("active dialog", turn.Trace.Find("cache")!.Notes!["skipped"]);
    }

    [Fact]
    public async Task SkipsAnEntryOfAnotherLanguage()
    {
        await Put("invoice", "Invoices are issued within 24 hours of delivery.", locale: "en-US");

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("invoice", locale: "zh-CN")));
        Assert.False(await TestBots.RunAsync(_stage, TestBots.Turn("Invoice?", locale: "en-GB")));
    }

    [Fact]
    public async Task DropsAnEntryWhoseFaqChanged_AndServesOneWhoseFaqIsCurrent()
    {
        var ct = TestContext.Current.CancellationToken;
        var faq = await _knowledge.SaveFaqAsync("test", new FaqEntry { Id = "shipping-fee", StandardQuestion = "运费怎么算", Answer = RichAnswer.Plain("满99元包邮") }, null, ct);
        await Put("运费怎么算", "满99元包邮", faq.Id, faq.Version);

        Assert.False(await TestBots.RunAsync(_stage, TestBots.Turn("运费怎么算")));

        faq.Answer = RichAnswer.Plain("满199元包邮");
        await _knowledge.SaveFaqAsync("test", faq, faq.Version, ct);
        var stale = TestBots.Turn("运费怎么算");

        Assert.True(await TestBots.RunAsync(_stage, stale));
        Assert.Equal("shipping-fee", stale.Trace.Find("cache")!.Notes!["stale"]);
        Assert.Null(await _cache.GetAsync("test", MessageKey.Of("运费怎么算"), ct));
    }

    [Fact]
    public async Task DropsAnEntryWhoseFaqWasDeleted()
    {
        await Put("运费怎么算", "满99元包邮", "gone", 1);

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("运费怎么算")));
    }

    [Fact]
    public async Task IsSwitchedOffByTheBot()
    {
        await Put("退货", "请在订单页申请退货。");

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("退货", TestBots.Bot("id: test\nfunnel:\n  cache:\n    enabled: false\n"))));
    }

    private sealed class SwitchableDialog : IDialogResponder
    {
        public bool Active { get; set; }

        public string Name => "taskbot";

        public bool HasActiveDialog(TurnContext turn) => Active;

        public ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException("The cache stage never asks a responder.");

        public ValueTask<ResponderResult> ContinueAsync(TurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException("The cache stage never asks a responder.");

        public ValueTask AfterDigressionAsync(TurnContext turn, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
