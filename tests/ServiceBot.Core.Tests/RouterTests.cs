using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Tests;

public sealed class RouterTests
{
    [Fact]
    public async Task FirstConfidentAnswerWinsAndLaterRespondersAreNotAsked()
    {
        var taskbot = new ScriptedResponder("taskbot", _ => ResponderResult.Declined("no-intent"));
        var kbbot = new ScriptedResponder("kbbot", t => ResponderResult.Answered(0.93, t.CreateReply("七天无理由退货")));
        var chatbot = new ScriptedResponder("chatbot", t => ResponderResult.Answered(0.99, t.CreateReply("闲聊")));
        await using var host = await CoreHost.StartAsync(services => AddAll(services, taskbot, kbbot, chatbot));

        var result = await host.SendAsync("怎么退货");

        Assert.Equal("kbbot", result.AnsweredBy);
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal("七天无理由退货", Assert.Single(result.Replies).Text);
        Assert.Equal(0, chatbot.Calls);
        Assert.Equal(StepOutcome.Passed, result.Trace.Find("router/taskbot")!.Outcome);
        Assert.Equal("no-intent", result.Trace.Find("router/taskbot")!.Notes!["reason"]);
        Assert.Equal(0.93, result.Trace.Find("router/kbbot")!.Notes!["confidence"]);
    }

    [Fact]
    public async Task SuggestionsBeatAFallback()
    {
        var kbbot = new ScriptedResponder("kbbot", t => ResponderResult.Suggested(0.5, t.CreateReply("您是不是想问：")));
        var chatbot = new ScriptedResponder("chatbot", t => ResponderResult.Fallback(t.CreateReply("我不太明白")));
        await using var host = await CoreHost.StartAsync(services => AddAll(services, kbbot, chatbot));

        var result = await host.SendAsync("退");

        Assert.Equal("kbbot", result.AnsweredBy);
        Assert.Equal(TurnOutcome.Suggested, result.Outcome);
        Assert.Equal(1, chatbot.Calls);
    }

    [Fact]
    public async Task WhenEveryoneDeclinesTheBotSaysWhatItCanDoAndOffersAHuman()
    {
        var kbbot = new ScriptedResponder("kbbot", _ => ResponderResult.Declined("below-threshold"));
        await using var host = await CoreHost.StartAsync(services => AddAll(services, kbbot));

        var result = await host.SendAsync("今天股市怎么样");

        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("router", result.AnsweredBy);
        var reply = Assert.Single(result.Replies);
        Assert.Contains("转人工", reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
    }

    [Fact]
    public async Task ReplyIsInEnglishWhenTheCustomerWritesEnglish()
    {
        await using var host = await CoreHost.StartAsync(_ => { });
        var result = await host.SendAsync("what is the weather on mars");
        Assert.Contains("human", Assert.Single(result.Replies).SuggestedActions!.Actions.Select(a => a.Title).Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("en-US", result.Replies[0].Locale);
    }

    [Fact]
    public async Task GeneratedRepliesPassThroughGeneratedScopeFiltersButCuratedOnesDoNot()
    {
        var filter = new RecordingFilter(ReplyFilterScope.Generated, t => ReplyFilterResult.Repaired(t.Replace("¥999", "", StringComparison.Ordinal), "unsupported-amount"));
        var generated = true;
        var chatbot = new ScriptedResponder("chatbot", t => new ResponderResult(ResponderOutcome.Answered, 0.8, [t.CreateReply("退款¥999已到账")], null) { IsGenerated = generated });
        await using var host = await CoreHost.StartAsync(services =>
        {
            AddAll(services, chatbot);
            services.AddSingleton<IReplyFilter>(filter);
        });

        var repaired = await host.SendAsync("退款到了吗", conversation: "g");
        Assert.Equal("退款已到账", repaired.Replies[0].Text);
        Assert.Contains("unsupported-amount", string.Join(",", (IEnumerable<string>)repaired.Trace.Find("postfilter")!.Notes!["decisions"]!), StringComparison.Ordinal);

        generated = false;
        var curated = await host.SendAsync("退款到了吗", conversation: "c");
        Assert.Equal("退款¥999已到账", curated.Replies[0].Text);
        Assert.Equal(1, filter.Calls);
    }

    [Fact]
    public async Task BlockedGeneratedReplyIsReplacedByTheSafeAlternative()
    {
        var chatbot = new ScriptedResponder("chatbot", t =>
        {
            t.Features.Set(new SafeAlternative([t.CreateReply("您可以问：怎么退货？")]));
            return new ResponderResult(ResponderOutcome.Answered, 0.8, [t.CreateReply("我们保证退款")], null) { IsGenerated = true };
        });
        await using var host = await CoreHost.StartAsync(services =>
        {
            AddAll(services, chatbot);
            services.AddSingleton<IReplyFilter>(new RecordingFilter(ReplyFilterScope.Generated, t => ReplyFilterResult.Blocked(t, "forbidden-promise")));
        });

        var result = await host.SendAsync("能退款吗");

        Assert.Equal("您可以问：怎么退货？", Assert.Single(result.Replies).Text);
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("postfilter", result.AnsweredBy);
    }

    [Fact]
    public async Task BlockedReplyWithoutAlternativeGetsTheCautiousReplyAndAHumanOffer()
    {
        var chatbot = new ScriptedResponder("chatbot", t => new ResponderResult(ResponderOutcome.Answered, 0.8, [t.CreateReply("客服电话 400-000-0000")], null) { IsGenerated = true });
        await using var host = await CoreHost.StartAsync(services =>
        {
            AddAll(services, chatbot);
            services.AddSingleton<IReplyFilter>(new RecordingFilter(ReplyFilterScope.All, t => ReplyFilterResult.Blocked(t, "unsupported-phone")));
        });

        var result = await host.SendAsync("客服电话多少");

        var reply = Assert.Single(result.Replies);
        Assert.DoesNotContain("400-000-0000", reply.Text, StringComparison.Ordinal);
        Assert.Contains("转人工", reply.SuggestedActions!.Actions.Select(a => a.Title));
    }

    private static void AddAll(IServiceCollection services, params IResponder[] responders)
    {
        foreach (var responder in responders)
        {
            services.AddSingleton(responder);
        }
    }

    private sealed class RecordingFilter(ReplyFilterScope scope, Func<string, ReplyFilterResult> check) : IReplyFilter
    {
        public string Name => "test-filter";

        public ReplyFilterScope Scope => scope;

        public int Calls { get; private set; }

        public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Abstractions.Activities.Activity reply, string text, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(check(text));
        }
    }
}
