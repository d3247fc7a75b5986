using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Tests;

/// <summary>Small KBs, bots and turns for unit tests.</summary>
internal static class TestKb
{
    public static readonly BigramAnalyzer Analyzer = new();

    public static FaqEntry Faq(string id, string question, string answer, params string[] similar) => new()
    {
        Id = id,
        StandardQuestion = question,
        SimilarQuestions = [.. similar],
        Answer = RichAnswer.Plain(answer),
        Category = id.Split('-')[0],
    };

    /// <summary>A shop KB with look-alike topics (退货 / 换货 / 退款 / 运费).</summary>
    public static List<FaqEntry> Shop() =>
    [
        Faq("returns-how", "怎么退货？", "在我的订单里申请退货，7天无理由。", "我想退货怎么操作", "退货流程是什么", "如何申请退货", "买的东西不想要了怎么退"),
        Faq("returns-shipping", "退货运费谁承担？", "质量问题运费由商城承担，无理由退货运费由您承担。", "退货的运费谁出", "退回去的邮费谁付", "退货要自己付运费吗"),
        Faq("exchanges-how", "怎么换货？", "签收15天内质量问题可以换货。", "我想换个尺码", "换货流程是什么", "如何申请换货"),
        Faq("refunds-time", "退款多久到账？", "仓库收货后1-3个工作日原路退款。", "钱什么时候退回来", "退款一般几天到", "退款到账要多久"),
        Faq("shipping-fee", "运费怎么算？", "满99元包邮，不满收8元运费。", "要运费吗", "包邮吗", "邮费多少钱"),
        Faq("shipping-time", "多久能发货？", "付款后48小时内发货，2-5天送达。", "什么时候发货", "几天能到", "发货要多久"),
        Faq("invoices-how", "怎么开发票？", "签收后24小时内开具电子发票。", "可以开发票吗", "发票在哪里开", "电子发票怎么申请"),
        Faq("account-phone", "怎么换绑手机号？", "在账户设置里更换手机号。", "手机号换了怎么办", "如何更改绑定手机", "更换手机号码"),
    ];

    public static KbSettings Settings(double answer = 0.6, double suggest = 0.15, bool training = false) => new()
    {
        Thresholds = new TierThresholds { Answer = answer, Suggest = suggest },
        Training = new TrainingSettings { Enabled = training },
        Recall = new RecallSettings { Vector = false },
        Replies = new KbReplies { SuggestLeadIn = LocalizedText.Invariant("您是不是想问：") },
        FollowUp = new FollowUpSettings { Markers = new(StringComparer.OrdinalIgnoreCase) { ["zh"] = ["那", "呢"], ["en"] = [" what about ", " and "] } },
    };

    public static async Task<KbSnapshot> BuildAsync(IReadOnlyList<FaqEntry> entries, KbSettings? settings = null, IKbEncoderFactory? encoders = null) =>
        await new KbIndexBuilder(Analyzer, encoders, NullLogger.Instance).BuildAsync("shop", 1, entries, settings ?? Settings(), TestContext.Current.CancellationToken);

    public static BotDefinition Bot(string id = "shop") =>
        new(id, id, "zh-CN", ["zh-CN", "en-US"], Path.Combine(Path.GetTempPath(), id, "bot.yaml"), Path.GetTempPath(), new JsonObject());

    public static TurnContext Turn(string text, ConversationState? state = null, BotDefinition? bot = null, DateTimeOffset? now = null)
    {
        var activity = new Activity
        {
            Text = text,
            Locale = "zh-CN",
            ChannelId = "test",
            From = new ChannelAccount { Id = "u1" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = "c1" },
        };
        var turn = new TurnContext(Guid.NewGuid().ToString("N"), activity, bot ?? Bot(), state ?? new ConversationState { BotId = "shop", ConversationId = "c1" }, now ?? DateTimeOffset.UtcNow);
        turn.Utterance = Analyzer.Analyze(text);
        return turn;
    }
}
