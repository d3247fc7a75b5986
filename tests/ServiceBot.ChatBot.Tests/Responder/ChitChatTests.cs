using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Tests.Support;

namespace ServiceBot.ChatBot.Tests.Responder;

/// <summary>The ChatBot without a model: templates, retrieval chit-chat, the fallback, through the real server.</summary>
public sealed class ChitChatTests : IAsyncLifetime
{
    private ChatBotServer _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await ChatBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task WhoAreYouIsAnsweredByTemplateWithPersonaName()
    {
        // (A bare "你好" never reaches the ChatBot in the shop bot: the funnel's greeting rule answers it first.)
        await _bot.Server.Conversation("shop", "zh-CN").Send("你是谁")
            .AssertAnsweredBy("chatbot")
            .AssertOutcome(TurnOutcome.Answered)
            .AssertReply(contains: "小鹿");
    }

    [Fact]
    public async Task EnglishTemplateCapturesTheCustomersName()
    {
        await _bot.Server.Conversation("shop", "en-US").Send("my name is Alice")
            .AssertAnsweredBy("chatbot")
            .AssertReply(matches: "(?i)nice to meet you, alice");
    }

    [Fact]
    public async Task SmallTalkWithoutTemplateIsAnsweredFromTheCorpus()
    {
        await _bot.Server.Conversation("shop", "zh-CN").Send("今天好无聊啊")
            .AssertAnsweredBy("chatbot")
            .AssertOutcome(TurnOutcome.Answered)
            .AssertReply(contains: "陪您聊聊");
    }

    [Fact]
    public async Task GreetingFollowedByABusinessQuestionIsNotAnsweredAsSmallTalk()
    {
        // "你好" is a small part of the message: the template must not swallow the question.
        var response = await _bot.Server.Conversation("shop", "zh-CN").Send("你好，我买的耳机坏了想申请维修")
            .AssertAnsweredBy("kbbot")
            .AssertSuggestion("怎么申请保修维修？");
        Assert.DoesNotContain("我是小鹿", response.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfDomainWithoutModelFallsBackWithHandoffOffer()
    {
        await _bot.Server.Conversation("shop", "zh-CN").Send("帮我写一首关于量子力学的诗")
            .AssertOutcome(TurnOutcome.Fallback)
            .AssertReply(contains: "暂时回答不了")
            .AssertSuggestion("转人工");
    }

    [Fact]
    public async Task EnglishFallbackOffersTalkToAHuman()
    {
        await _bot.Server.Conversation("shop", "en-US").Send("write me a poem about quantum physics")
            .AssertOutcome(TurnOutcome.Fallback)
            .AssertSuggestion("Talk to a human");
    }

    [Fact]
    public async Task BusinessQuestionCloseToSmallTalkDefersToKnowledgeAndSuggestsIt()
    {
        // "你能帮我吗" is small talk, but the message is closer to the knowledge title "怎么退货？".
        var turn = _bot.Turn("你能帮我退货吗怎么退");
        var result = await _bot.Responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Fallback, result.Outcome);
        var actions = result.Replies[0].SuggestedActions!.Actions.Select(a => a.Title).ToList();
        Assert.Contains("怎么退货？", actions);
        Assert.Contains("转人工", actions);
    }

    [Fact]
    public async Task NoModelConfiguredMeansNoGenerationAndReasonInResult()
    {
        var turn = _bot.Turn("退款多久到账");
        var result = await _bot.Responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Fallback, result.Outcome);
        Assert.Equal("no-llm", result.Reason);
        Assert.False(result.IsGenerated);
    }
}
