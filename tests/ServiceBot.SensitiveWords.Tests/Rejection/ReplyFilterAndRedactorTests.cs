using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Turns;
using ServiceBot.SensitiveWords.Rejection;

namespace ServiceBot.SensitiveWords.Tests.Rejection;

public sealed class ReplyFilterAndRedactorTests : IDisposable
{
    private readonly RejectorTestBot _bot = new();

    public void Dispose() => _bot.Dispose();

    private async Task<ReplyFilterResult> Check(string reply)
    {
        var turn = RejectorTestBot.Turn("问题", _bot.Bot());
        var activity = turn.CreateReply(reply);
        return await new SensitiveWordReplyFilter(_bot.Registry).CheckAsync(turn, activity, reply, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MasksACompetitorNameInAReply()
    {
        var result = await Check("我们比青鸟优购更便宜");

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal("我们比****更便宜", result.Text);
        Assert.Contains("competitor", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassesACleanReply_AndOneWithWordsOfUncheckedCategories()
    {
        Assert.Equal(ReplyVerdict.Pass, (await Check("退款将在1-3个工作日内原路退回。")).Verdict);
        Assert.Equal(ReplyVerdict.Pass, (await Check("请勿刷单返利，谨防诈骗。")).Verdict);
    }

    [Fact]
    public async Task BlocksTheReply_WhenTheBotSaysSo()
    {
        _bot.Yaml = RejectorTestBot.DefaultYaml.Replace("  reply-filter:\n", "  reply-filter:\n    action: block\n", StringComparison.Ordinal);

        var result = await Check("我们比青鸟优购更便宜");

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
    }

    [Fact]
    public void ChecksEveryReply_NotOnlyGeneratedOnes() =>
        Assert.Equal(ReplyFilterScope.All, new SensitiveWordReplyFilter(_bot.Registry).Scope);

    [Fact]
    public void RedactsPiiInTranscripts()
    {
        var redactor = new PiiTranscriptRedactor(_bot.Registry);

        var text = redactor.Redact("test", "电话13812345678，邮箱 zhang.san@example.com，订单号 20260101");

        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zhang.san@example.com", text, StringComparison.Ordinal);
        Assert.Contains("订单号 20260101", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesTranscriptsAlone_WhenTheBotTurnsRedactionOff()
    {
        _bot.Yaml = "id: open\nrejector:\n  pii:\n    redact-transcripts: false\n";
        _bot.Registry.Load(_bot.Bot());

        Assert.Equal("电话13812345678", new PiiTranscriptRedactor(_bot.Registry).Redact("open", "电话13812345678"));
    }

    [Fact]
    public void RegistersTheStageTheFilterAndTheRedactor()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ITranscriptRedactor, PassThrough>();
        services.AddServiceBotSensitiveWords(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["rejector"], provider.GetServices<ITurnStage>().Select(s => s.Name));
        Assert.Single(provider.GetServices<IReplyFilter>());
        Assert.IsType<PiiTranscriptRedactor>(Assert.Single(provider.GetServices<ITranscriptRedactor>()));
    }

    private sealed class PassThrough : ITranscriptRedactor
    {
        public string Redact(string botId, string text) => text;
    }
}
