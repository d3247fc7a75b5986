using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Logging;

namespace ServiceBot.Core.Tests;

public sealed class TurnProcessorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Lock MaxGate = new();

    [Fact]
    public async Task StateCarriesOverFromTurnToTurn()
    {
        var counts = new List<int>();
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", (t, next, ct) =>
        {
            var section = t.State.GetSection<Counter>("test");
            section.Value++;
            counts.Add(section.Value);
            return next(t, ct);
        })));

        await host.SendAsync("一");
        await host.SendAsync("二");
        await host.SendAsync("三", conversation: "other");
        var last = await host.SendAsync("四");

        Assert.Equal([1, 2, 1, 3], counts);
        Assert.Equal(TurnOutcome.Fallback, last.Outcome);
    }

    [Fact]
    public async Task RecentTurnsRememberWhatEachTurnWasAbout()
    {
        var kbbot = new ScriptedResponder("kbbot", t =>
        {
            t.Trace.AddCandidates([new TraceCandidate("kbbot/bm25", "returns-how", "怎么退货", 9.5), new TraceCandidate("kbbot/bm25", "refund-time", "退款多久到账", 3.1)]);
            return ResponderResult.Answered(0.9, t.CreateReply("七天无理由退货"));
        });
        List<TurnSummary>? seen = null;
        await using var host = await CoreHost.StartAsync(services =>
        {
            services.AddSingleton<IResponder>(kbbot);
            services.AddSingleton<ITurnStage>(new ScriptedStage("rules", (t, next, ct) =>
            {
                seen = [.. t.State.RecentTurns];
                return next(t, ct);
            }));
        });

        await host.SendAsync("怎么退货");
        await host.SendAsync("那运费呢");

        var previous = Assert.Single(seen!);
        Assert.Equal("returns-how", previous.Topic);
        Assert.Equal("怎么退货", previous.UserText);
        Assert.Equal("kbbot", previous.AnsweredBy);
    }

    [Fact]
    public async Task TurnsOfOneConversationRunOneAtATimeAndLoseNoUpdate()
    {
        var inside = 0;
        var maxInside = 0;
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", async (t, next, ct) =>
        {
            var now = Interlocked.Increment(ref inside);
            lock (MaxGate)
            {
                maxInside = Math.Max(maxInside, now);
            }

            t.State.GetSection<Counter>("test").Value++;
            await Task.Delay(2, ct);
            Interlocked.Decrement(ref inside);
            await next(t, ct);
        })));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => host.SendAsync("消息" + i)));
        var store = host.Services.GetRequiredService<IConversationStateStore>();
        var stored = await store.ReadAsync("test:test:c1", TestContext.Current.CancellationToken);
        var state = ConversationState.FromUtf8Json(stored!.Data.Span, stored.ETag);

        Assert.Equal(1, maxInside);
        Assert.Equal(20, state.TurnCount);
        Assert.Equal(20, state.GetSection<Counter>("test").Value);
    }

    [Fact]
    public async Task TurnsOfDifferentConversationsRunAtTheSameTime()
    {
        var aInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", async (t, next, ct) =>
        {
            // Each turn waits inside the pipeline for the other to arrive: only possible when both run at once.
            if (t.Activity.Conversation!.Id == "a")
            {
                aInside.SetResult();
                await bInside.Task.WaitAsync(Patience, ct);
            }
            else
            {
                bInside.SetResult();
                await aInside.Task.WaitAsync(Patience, ct);
            }

            await next(t, ct);
        })));

        var results = await Task.WhenAll(host.SendAsync("甲", conversation: "a"), host.SendAsync("乙", conversation: "b"));
        Assert.All(results, r => Assert.NotEqual(TurnOutcome.Failed, r.Outcome));
    }

    [Fact]
    public async Task LostETagRaceReRunsTheTurnOnFreshState()
    {
        var raced = false;
        var runs = 0;
        IConversationStateStore? store = null;
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", async (t, next, ct) =>
        {
            runs++;
            t.State.GetSection<Counter>("test").Value++;
            if (!raced && t.State.ETag is not null)
            {
                // Another replica saves this conversation while the turn is running.
                raced = true;
                var stored = await store!.ReadAsync("test:test:c1", ct);
                var other = ConversationState.FromUtf8Json(stored!.Data.Span, stored.ETag);
                other.GetSection<Counter>("test").Value = 100;
                await store.WriteAsync("test:test:c1", other.ToUtf8Json(), stored.ETag, TimeSpan.FromDays(1), ct);
            }

            await next(t, ct);
        })));
        store = host.Services.GetRequiredService<IConversationStateStore>();

        await host.SendAsync("一");
        var second = await host.SendAsync("二");
        var final = await store.ReadAsync("test:test:c1", TestContext.Current.CancellationToken);

        Assert.Equal(3, runs);
        Assert.Equal(101, ConversationState.FromUtf8Json(final!.Data.Span, final.ETag).GetSection<Counter>("test").Value);
        Assert.Equal(2, Convert.ToInt32(second.Trace.Find("turn")!.Notes!["attempt"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LostETagRaceAfterASideEffectAsksTheCustomerToResendInsteadOfRepeatingIt()
    {
        var runs = 0;
        IConversationStateStore? store = null;
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", async (t, next, ct) =>
        {
            runs++;
            t.MarkSideEffect();
            var stored = await store!.ReadAsync("test:test:c1", ct);
            if (stored is not null)
            {
                await store.WriteAsync("test:test:c1", stored.Data, stored.ETag, TimeSpan.FromDays(1), ct);
            }

            await next(t, ct);
        })));
        store = host.Services.GetRequiredService<IConversationStateStore>();

        await host.SendAsync("一");
        var result = await host.SendAsync("提交退货申请");

        Assert.Equal(2, runs);
        Assert.Equal(TurnOutcome.Failed, result.Outcome);
        Assert.Contains("再发送一次", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingStageGetsASafeReplyAndLeavesStateUntouched()
    {
        var fail = false;
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", (t, next, ct) =>
        {
            t.State.GetSection<Counter>("test").Value = fail ? 999 : 1;
            return fail ? throw new InvalidOperationException("backend exploded") : next(t, ct);
        })));
        await host.SendAsync("一");

        fail = true;
        var result = await host.SendAsync("二");

        Assert.Equal(TurnOutcome.Failed, result.Outcome);
        Assert.Equal("error", result.AnsweredBy);
        var reply = Assert.Single(result.Replies);
        Assert.Contains("稍后再试", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("exploded", reply.Text, StringComparison.Ordinal);
        Assert.Equal(StepOutcome.Failed, result.Trace.Find("rules")!.Outcome);
        Assert.Equal("InvalidOperationException", result.Trace.Find("turn")!.Notes!["error"]);

        var stored = await host.Services.GetRequiredService<IConversationStateStore>().ReadAsync("test:test:c1", TestContext.Current.CancellationToken);
        var state = ConversationState.FromUtf8Json(stored!.Data.Span, stored.ETag);
        Assert.Equal(1, state.GetSection<Counter>("test").Value);
        Assert.Equal(1, state.TurnCount);
    }

    [Fact]
    public async Task UnreadableStateStartsTheConversationOver()
    {
        await using var host = await CoreHost.StartAsync(_ => { });
        var store = host.Services.GetRequiredService<IConversationStateStore>();
        await store.WriteAsync("test:test:c1", Encoding.UTF8.GetBytes("not json"), null, TimeSpan.FromDays(1), TestContext.Current.CancellationToken);

        var result = await host.SendAsync("你好");

        Assert.NotEqual(TurnOutcome.Failed, result.Outcome);
        var stored = await store.ReadAsync("test:test:c1", TestContext.Current.CancellationToken);
        Assert.Equal(1, ConversationState.FromUtf8Json(stored!.Data.Span, stored.ETag).TurnCount);
    }

    [Fact]
    public async Task UnknownBotAndActivitiesWithoutConversationAreRefused()
    {
        await using var host = await CoreHost.StartAsync(_ => { });
        await Assert.ThrowsAsync<UnknownBotException>(() => host.Processor.ProcessAsync(TestBots.Message("hi"), new TurnRequest { BotId = "nope" }, TestContext.Current.CancellationToken));

        var noConversation = TestBots.Message("hi");
        noConversation.Conversation = null;
        await Assert.ThrowsAsync<InvalidActivityException>(() => host.SendAsync(noConversation));

        var noSender = TestBots.Message("hi");
        noSender.From = null;
        await Assert.ThrowsAsync<InvalidActivityException>(() => host.SendAsync(noSender));
    }

    [Fact]
    public async Task WelcomesACustomerWhoJoins()
    {
        await using var host = await CoreHost.StartAsync(_ => { });
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = "test",
            Conversation = new ConversationAccount { Id = "w" },
            Recipient = new ChannelAccount { Id = "bot" },
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = "u1" }],
        };

        var result = await host.SendAsync(update);

        Assert.Contains("您好", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        update.MembersAdded = [new ChannelAccount { Id = "bot" }];
        Assert.Empty((await host.SendAsync(update)).Replies);
    }

    [Fact]
    public async Task EveryTurnIsLoggedWithItsTraceAndMisssesAreMarkedForReview()
    {
        var kbbot = new ScriptedResponder("kbbot", t => t.Text.Contains("退货", StringComparison.Ordinal)
            ? ResponderResult.Answered(0.9, t.CreateReply("七天无理由退货"))
            : ResponderResult.Declined());
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<IResponder>(kbbot));

        var answered = await host.SendAsync("怎么退货");
        var missed = await host.SendAsync("火星天气");
        await host.Services.GetRequiredService<TurnLogWriter>().FlushAsync(TestContext.Current.CancellationToken);

        var log = host.Services.GetRequiredService<IConversationLog>();
        var records = await log.GetConversationAsync("test", "c1", TestContext.Current.CancellationToken);
        Assert.Equal([answered.TurnId, missed.TurnId], records.Select(r => r.TurnId));
        Assert.Equal("怎么退货", records[0].UserText);
        Assert.Equal(["七天无理由退货"], records[0].ReplyTexts);
        Assert.False(records[0].NeedsReview);
        Assert.Equal(0.9, records[0].Confidence);
        Assert.NotNull(records[0].Trace?.Find("router/kbbot"));
        Assert.True(records[1].NeedsReview);
        Assert.Equal(TurnOutcome.Fallback, records[1].Outcome);
    }

    [Fact]
    public async Task ActiveDialogContinuesBeforeAnyOtherLayer()
    {
        var dialog = new FakeDialog();
        await using var host = await CoreHost.StartAsync(services =>
        {
            services.AddSingleton<IResponder>(dialog);
            services.AddSingleton<ITurnStage>(ScriptedStage.Answering("rules", "规则回答"));
        });

        dialog.Active = true;
        var result = await host.SendAsync("订单号 12345");

        Assert.Equal("taskbot", result.AnsweredBy);
        Assert.Equal("好的，已记录订单号。", Assert.Single(result.Replies).Text);
    }

    [Fact]
    public async Task DigressionIsAnsweredElsewhereThenTheDialogRemindsWhereItStands()
    {
        var dialog = new FakeDialog { Active = true, Digress = true };
        var kbbot = new ScriptedResponder("kbbot", t => ResponderResult.Answered(0.9, t.CreateReply("满99元包邮")));
        await using var host = await CoreHost.StartAsync(services =>
        {
            services.AddSingleton<IResponder>(dialog);
            services.AddSingleton<IResponder>(kbbot);
        });

        var result = await host.SendAsync("运费多少");

        Assert.Equal("kbbot", result.AnsweredBy);
        Assert.Equal(["满99元包邮", "我们继续办理退货：请告诉我订单号。"], result.Replies.Select(r => r.Text));
        Assert.Equal("Declined", result.Trace.Find("dialog")!.Notes!["dialog"]!.ToString());
    }

    [Fact]
    public async Task ConversationWithAnOperatorIsRelayedAndTheBotStaysSilent()
    {
        await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(new ScriptedStage("rules", (t, next, ct) =>
        {
            if (t.Text == "转人工")
            {
                t.State.Handoff = new HandoffState { Status = HandoffStatus.Active, OperatorId = "op-7" };
                t.Respond("rules", TurnOutcome.HandedOff, t.CreateReply("正在为您转接人工客服"));
                return ValueTask.CompletedTask;
            }

            return next(t, ct);
        })));

        await host.SendAsync("转人工");
        var relayed = await host.SendAsync("我的快递丢了");

        Assert.Equal(TurnOutcome.Relayed, relayed.Outcome);
        Assert.Empty(relayed.Replies);
        Assert.Equal("op-7", relayed.Trace.Find("handoff")!.Notes!["operator"]);
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class FakeDialog : IDialogResponder
    {
        public bool Active { get; set; }

        public bool Digress { get; set; }

        public string Name => "taskbot";

        public bool HasActiveDialog(TurnContext turn) => Active;

        public ValueTask<ResponderResult> ContinueAsync(TurnContext turn, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Digress ? ResponderResult.Declined("digression") : ResponderResult.Answered(1, turn.CreateReply("好的，已记录订单号。")));

        public ValueTask AfterDigressionAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.AppendReply(turn.CreateReply("我们继续办理退货：请告诉我订单号。"));
            return ValueTask.CompletedTask;
        }

        public ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ResponderResult.Declined());
    }
}
