using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.State;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Responding;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Tests;

public sealed class KbResponderTests
{
    private static async Task<KbResponder> Responder(List<FaqEntry>? entries = null, KbSettings? settings = null)
    {
        var registry = new KbRegistry();
        registry.Publish(await TestKb.BuildAsync(entries ?? TestKb.Shop(), settings));
        var service = new KbService(registry, TestKb.Analyzer, Options.Create(new KbBotOptions()), NullLogger<KbService>.Instance, [], [], [], []);
        return new KbResponder(registry, service, TestKb.Analyzer, Array.Empty<IConversationLog>(), NullLogger<KbResponder>.Instance);
    }

    [Fact]
    public async Task AnswersAParaphraseWithTheFaqAnswerAndTracesTheCandidates()
    {
        var responder = await Responder();
        var turn = TestKb.Turn("退货流程是怎样的");

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        Assert.Contains("7天无理由", result.Replies[0].Text, StringComparison.Ordinal);
        var step = turn.Trace.Find("turn")!;
        Assert.Equal("answer", step.Notes!["tier"]);
        Assert.Equal("returns-how", step.Candidates![0].Id);
        Assert.NotNull(step.Candidates[0].Probability);
        Assert.Equal("returns-how", turn.Topic);
    }

    [Fact]
    public async Task SuggestsTwoToFourStandardQuestionsBetweenTheThresholds()
    {
        var responder = await Responder(settings: TestKb.Settings(answer: 0.999, suggest: 0.0001));
        var turn = TestKb.Turn("退货");

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Suggested, result.Outcome);
        var reply = Assert.Single(result.Replies);
        Assert.Equal("您是不是想问：", reply.Text);
        var actions = reply.SuggestedActions!.Actions;
        Assert.InRange(actions.Count, 2, 4);
        Assert.All(actions, a => Assert.Equal("imBack", a.Type));
        Assert.Contains(actions, a => a.Title == "怎么退货？");
        Assert.Equal(actions.Count, turn.State.GetSection<KbConversationState>(KbConversationState.Section).Suggestions.Count);
    }

    [Fact]
    public async Task ClickingASuggestionAnswersThatFaq()
    {
        var responder = await Responder(settings: TestKb.Settings(answer: 0.999, suggest: 0.0001));
        var state = new ConversationState { BotId = "shop", ConversationId = "c1" };
        var first = await responder.RespondAsync(TestKb.Turn("退货", state), TestContext.Current.CancellationToken);
        var clicked = first.Replies[0].SuggestedActions!.Actions.First(a => a.Title == "退货运费谁承担？");

        var second = await responder.RespondAsync(TestKb.Turn(clicked.Value!.Value.GetString()!, state), TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, second.Outcome);
        Assert.Equal(1, second.Confidence);
        Assert.Contains("运费由商城承担", second.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAQuestionTheKbHoldsVerbatimWhateverItsProbability()
    {
        var responder = await Responder(settings: TestKb.Settings(answer: 0.999, suggest: 0.0001));
        var turn = TestKb.Turn("怎么退货");

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        Assert.Equal("returns-how", turn.Topic);
        Assert.Equal("exact-question", turn.Trace.Find("turn")!.Notes!["reason"]?.ToString());
    }

    [Fact]
    public async Task AQuestionTwoEntriesHoldVerbatimIsNotAnsweredByEitherOnTheWordingAlone()
    {
        var entries = TestKb.Shop();
        entries.Find(e => e.Id == "exchanges-how")!.SimilarQuestions.Add("怎么退货");
        var responder = await Responder(entries, TestKb.Settings(answer: 0.999, suggest: 0.0001));

        var result = await responder.RespondAsync(TestKb.Turn("怎么退货"), TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Suggested, result.Outcome);
    }

    [Fact]
    public async Task AQuestionMostlyMadeOfWordsTheKbDoesNotHaveIsNeitherAnsweredNorSuggested()
    {
        var gated = TestKb.Settings(answer: 0.0001, suggest: 0.0001);
        gated.Thresholds.AnswerCoverage = 0.4;
        gated.Thresholds.SuggestCoverage = 0.2;
        var ungated = TestKb.Settings(answer: 0.0001, suggest: 0.0001);
        const string Poem = "帮我写一首关于量子力学和退货的长诗";

        var withGate = await (await Responder(settings: gated)).RespondAsync(TestKb.Turn(Poem), TestContext.Current.CancellationToken);
        var withoutGate = await (await Responder(settings: ungated)).RespondAsync(TestKb.Turn(Poem), TestContext.Current.CancellationToken);
        var paraphrase = await (await Responder(settings: gated)).RespondAsync(TestKb.Turn("退货流程是怎样的"), TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, withoutGate.Outcome);
        Assert.Equal(ResponderOutcome.Declined, withGate.Outcome);
        Assert.Equal("low-coverage", withGate.Reason);
        Assert.Equal(ResponderOutcome.Answered, paraphrase.Outcome);
    }

    [Fact]
    public async Task DeclinesWhenNothingIsCloseEnough()
    {
        var responder = await Responder();

        var unrelated = await responder.RespondAsync(TestKb.Turn("hello world"), TestContext.Current.CancellationToken);
        var empty = await responder.RespondAsync(TestKb.Turn("？？？"), TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Declined, unrelated.Outcome);
        Assert.Equal(ResponderOutcome.Declined, empty.Outcome);
        Assert.Equal("empty", empty.Reason);
    }

    [Fact]
    public async Task ResolvesAnEllipticalFollowUpWithThePreviousTopic()
    {
        var responder = await Responder(settings: TestKb.Settings(answer: 0.3));
        var state = new ConversationState { BotId = "shop", ConversationId = "c1" };
        state.RecentTurns.Add(new TurnSummary { TurnId = "t0", At = DateTimeOffset.UtcNow.AddMinutes(-1), UserText = "怎么退货", AnsweredBy = "kbbot", Topic = "returns-how" });
        var turn = TestKb.Turn("那运费呢？", state);

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == ResponderOutcome.Answered, string.Join("; ", turn.Trace.Find("turn")!.Candidates!.Select(c => $"{c.Id} {c.Score} {c.Probability}")));
        Assert.Contains("运费由商城承担", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("returns-how", turn.Trace.Find("turn")!.Notes!["follow-up"]);
    }

    [Fact]
    public async Task NeverAnswersDisabledExpiredOrOtherLanguageEntries()
    {
        var entries = TestKb.Shop();
        entries.Find(e => e.Id == "invoices-how")!.Enabled = false;
        entries.Find(e => e.Id == "refunds-time")!.ValidTo = DateTimeOffset.UtcNow.AddDays(-1);
        entries.Find(e => e.Id == "account-phone")!.Locale = "en-US";
        var responder = await Responder(entries, TestKb.Settings(answer: 0.5, suggest: 0.0001));

        foreach (var text in new[] { "怎么开发票", "退款多久到账", "怎么换绑手机号" })
        {
            var turn = TestKb.Turn(text);
            var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);
            Assert.NotEqual(ResponderOutcome.Answered, result.Outcome);
            Assert.DoesNotContain(turn.Trace.Find("turn")?.Candidates ?? [], c => c.Id is "invoices-how" or "refunds-time" or "account-phone");
        }
    }

    [Fact]
    public async Task UsesCategoryThresholdsOverTheKbOnes()
    {
        var settings = TestKb.Settings(answer: 0.5, suggest: 0.0001);
        settings.Categories["returns"] = new TierThresholds { Answer = 0.9999 };
        var responder = await Responder(settings: settings);

        var returns = await responder.RespondAsync(TestKb.Turn("退货流程是怎样的"), TestContext.Current.CancellationToken);
        var invoices = await responder.RespondAsync(TestKb.Turn("发票在哪里开呢"), TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Suggested, returns.Outcome);
        Assert.Equal(ResponderOutcome.Answered, invoices.Outcome);
    }

    [Fact]
    public async Task AnswersWithButtonsAsSuggestedActionsAndTheChannelVariant()
    {
        var entries = TestKb.Shop();
        var faq = entries[0];
        faq.Answer.Buttons.Add(new AnswerButton { Title = "申请退货", Value = "我要退货" });
        var responder = await Responder(entries);

        var result = await responder.RespondAsync(TestKb.Turn("如何申请退货"), TestContext.Current.CancellationToken);
        faq.ChannelAnswers["test"] = RichAnswer.Plain("渠道专用答案");
        var variant = await (await Responder(entries)).RespondAsync(TestKb.Turn("如何申请退货"), TestContext.Current.CancellationToken);

        Assert.Contains(result.Replies[0].SuggestedActions!.Actions, a => a.Title == "申请退货" && a.Value!.Value.GetString() == "我要退货");
        Assert.Equal("渠道专用答案", variant.Replies[0].Text);
    }
}
