using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.Evaluation;
using ServiceBot.Testing;

namespace ServiceBot.Server.Tests;

/// <summary>
/// The chit-chat hit rate of the sample shop bot on the shared held-out small talk, measured through
/// the server's own composition (jieba, the live KB for the business comparison), exactly as
/// <c>servicebot eval chitchat</c> does. The numbers printed are the ones in docs/chatbot.md; the
/// floors sit a little under them so that a change that loses small talk fails here.
/// </summary>
[Collection(SampleServerCollection.Name)]
[Trait("Category", "Evaluation")]
public sealed class ChitChatEvaluationTests(SampleServerFixture fixture)
{
    [Fact]
    public async Task SharedSmallTalkIsAnsweredAtTheMeasuredHitRateAndMostlyRightly()
    {
        var ct = TestContext.Current.CancellationToken;
        if (SharedData.Root is not { } root || !Directory.Exists(Path.Combine(root, "chitchat")))
        {
            Assert.Skip("The shared chit-chat data (../shared/data/chitchat) is not present.");
            return;
        }

        var services = fixture.Server.Services;
        var shop = services.GetRequiredService<IBotCatalog>().TryGet("shop", out var bot) ? bot : throw new InvalidOperationException("no shop bot");
        var samples = ChitChatDataSets.Load(Path.Combine(root, "chitchat"));
        var labels = ChitChatDataSets.LoadLabels(Path.Combine(SharedData.RepositoryRoot, "knowledge", "shop", "chitchat-labels.yaml"));

        var report = await services.GetRequiredService<ChitChatEvaluator>().EvaluateAsync(shop, samples, labels, ct);

        var c = CultureInfo.InvariantCulture;
        TestContext.Current.SendDiagnosticMessage(string.Create(c, $"{report.Samples} utterances, {report.Duplicates} repeats, {report.InBotContent} in the bot's content, {report.Overall.Total} held out"));
        foreach (var (name, x) in new[] { ("overall", report.Overall) }.Concat(report.ByLocale.Select(p => (p.Key, p.Value))).Concat(report.BySource.Select(p => (p.Key, p.Value))))
        {
            TestContext.Current.SendDiagnosticMessage(string.Create(c, $"{name}: n {x.Total}, hit rate {x.HitRate:0.000} (template {x.Template}, retrieval {x.Retrieval}, miss {x.Miss})"));
        }

        var l = report.Labels!;
        TestContext.Current.SendDiagnosticMessage(string.Create(c, $"judged {l.Judged} ({l.Answerable} answerable): {l.Hits} hits, {l.RightHits} right, precision {l.Precision:0.000}, right rate {l.RightRate:0.000}"));

        Assert.True(report.InBotContent > 0, "No utterance was recognised as part of the bot's own content; the held-out check is broken.");
        Assert.True(report.Overall.Total >= 2700, $"Only {report.Overall.Total} utterances were held out.");
        Assert.True(report.Overall.HitRate >= HitRateFloor, string.Create(c, $"Hit rate {report.Overall.HitRate:0.000} fell under {HitRateFloor}."));
        Assert.True(report.ByLocale["zh-CN"].HitRate >= ChineseFloor, string.Create(c, $"zh-CN hit rate {report.ByLocale["zh-CN"].HitRate:0.000} fell under {ChineseFloor}."));
        Assert.True(report.ByLocale["en-US"].HitRate >= EnglishFloor, string.Create(c, $"en-US hit rate {report.ByLocale["en-US"].HitRate:0.000} fell under {EnglishFloor}."));
        Assert.True(l.Precision >= PrecisionFloor, string.Create(c, $"Only {l.Precision:0.000} of the judged hits were right (floor {PrecisionFloor})."));
    }

    [Fact]
    public async Task FaqQuestionsAreAlmostNeverTakenForSmallTalkEvenBeforeTheKnowledgeBaseAnswers()
    {
        // The chit-chat decision alone (as if the KB had declined): every FAQ question of the sample KB.
        var ct = TestContext.Current.CancellationToken;
        var services = fixture.Server.Services;
        var shop = services.GetRequiredService<IBotCatalog>().TryGet("shop", out var bot) ? bot : throw new InvalidOperationException("no shop bot");
        await using var stream = File.OpenRead(Path.Combine(SharedData.RepositoryRoot, "knowledge", "shop", "faq.json"));
        using var faq = await System.Text.Json.JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var samples = faq.RootElement.EnumerateArray()
            .SelectMany(e => new[] { e.GetProperty("standardQuestion") }.Concat(e.GetProperty("similarQuestions").EnumerateArray())
                .Select(q => new ChitChatSample(q.GetString()!, e.GetProperty("locale").GetString()!, "faq", e.GetProperty("id").GetString())))
            .ToList();

        var report = await services.GetRequiredService<ChitChatEvaluator>().EvaluateAsync(shop, samples, null, ct);

        var hits = report.Outcomes.Where(o => o.Id is not null).Select(o => $"{o.Sample.Label}: \"{o.Sample.Text}\" → {o.Layer} {o.Id} ({o.Score})").ToList();
        TestContext.Current.SendDiagnosticMessage($"{report.Overall.Total} FAQ questions, {report.InBotContent} also in the chit-chat content, {hits.Count} chit-chat hits: {string.Join("; ", hits)}");
        // Measured: 2 of 1511 ("型号不对" → disagree, "你们有VIP吗" → real-person); the router asks the KB
        // first, which answers both (ChitChatNeverWinsOverKnowledgeTests).
        Assert.True(hits.Count <= 2, $"{hits.Count} FAQ questions would be answered as small talk:\n" + string.Join("\n", hits));
        Assert.True(report.InBotContent <= 2, $"{report.InBotContent} FAQ questions are also chit-chat questions or templates.");
    }

    // Measured values minus a small margin (measured: 0.161 overall, zh-CN 0.128, en-US 0.193,
    // precision 0.746; docs/chatbot.md).
    private const double HitRateFloor = 0.145;
    private const double ChineseFloor = 0.115;
    private const double EnglishFloor = 0.175;
    private const double PrecisionFloor = 0.72;
}
