using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Pipeline;

namespace ServiceBot.Core.Tests;

public sealed class PipelineTests
{
    private static readonly string[] FeatureStages = ["guard", "rules", "cache", "rejector"];

    [Fact]
    public void DefaultOrderIsGuardAnalyzeFunnelRejectorRouterPostFilter()
    {
        Assert.Equal(
            ["guard", "analyze", "handoff", "dialog", "rules", "cache", "rejector", "router", "postfilter"],
            PipelineOptions.DefaultOrder);
    }

    [Fact]
    public async Task RunsRegisteredStagesInTheDefaultOrderWhateverTheRegistrationOrder()
    {
        var log = new List<string>();
        await using var host = await CoreHost.StartAsync(services =>
        {
            foreach (var name in FeatureStages.Reverse())
            {
                services.AddSingleton<ITurnStage>(ScriptedStage.Passing(name, log));
            }
        });

        Assert.Equal(PipelineOptions.DefaultOrder, host.Services.GetRequiredService<TurnPipeline>().Order);
        var result = await host.SendAsync("你好");
        Assert.Equal(FeatureStages, log);
        Assert.Equal(PipelineOptions.DefaultOrder, result.Trace.Steps.Where(s => !s.Name.Contains('/', StringComparison.Ordinal)).Select(s => s.Name));
    }

    [Fact]
    public async Task ConfigurationReordersStages()
    {
        var log = new List<string>();
        await using var host = await CoreHost.StartAsync(
            services =>
            {
                services.AddSingleton<ITurnStage>(ScriptedStage.Passing("rules", log));
                services.AddSingleton<ITurnStage>(ScriptedStage.Passing("guard", log));
            },
            settings: new Dictionary<string, string?>
            {
                ["ServiceBot:Pipeline:Stages:0"] = "analyze",
                ["ServiceBot:Pipeline:Stages:1"] = "rules",
                ["ServiceBot:Pipeline:Stages:2"] = "guard",
                ["ServiceBot:Pipeline:Stages:3"] = "handoff",
                ["ServiceBot:Pipeline:Stages:4"] = "dialog",
                ["ServiceBot:Pipeline:Stages:5"] = "router",
                ["ServiceBot:Pipeline:Stages:6"] = "postfilter",
            });

        await host.SendAsync("你好");
        Assert.Equal(["rules", "guard"], log);
    }

    [Fact]
    public async Task AnsweringStageEndsTheTurnAndLaterStagesNeverRun()
    {
        var log = new List<string>();
        var router = new ScriptedResponder("kbbot", _ => throw new InvalidOperationException("the router must not run"));
        await using var host = await CoreHost.StartAsync(services =>
        {
            services.AddSingleton<ITurnStage>(ScriptedStage.Passing("guard", log));
            services.AddSingleton<ITurnStage>(ScriptedStage.Answering("rules", "您好！", log));
            services.AddSingleton<ITurnStage>(ScriptedStage.Passing("cache", log));
            services.AddSingleton<Abstractions.Responders.IResponder>(router);
        });

        var result = await host.SendAsync("你好");

        Assert.Equal(["guard", "rules"], log);
        Assert.Equal(0, router.Calls);
        Assert.Equal("您好！", Assert.Single(result.Replies).Text);
        Assert.Equal("rules", result.AnsweredBy);
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(StepOutcome.Answered, result.Trace.Find("rules")!.Outcome);
        Assert.Null(result.Trace.Find("cache"));
    }

    [Fact]
    public async Task TracesPassingAnnotatingAndBlockingStages()
    {
        await using var host = await CoreHost.StartAsync(services =>
        {
            services.AddSingleton<ITurnStage>(ScriptedStage.Passing("guard"));
            services.AddSingleton<ITurnStage>(new ScriptedStage("rules", (t, next, ct) =>
            {
                t.Trace.Note("checked", 3);
                return next(t, ct);
            }));
            services.AddSingleton<ITurnStage>(new ScriptedStage("rejector", (t, _, _) =>
            {
                t.Respond("rejector", TurnOutcome.Blocked, t.CreateReply("这个问题无法回答。"));
                return ValueTask.CompletedTask;
            }));
        });

        var result = await host.SendAsync("敏感词");

        Assert.Equal(StepOutcome.Passed, result.Trace.Find("guard")!.Outcome);
        Assert.Equal(StepOutcome.Annotated, result.Trace.Find("rules")!.Outcome);
        Assert.Equal(3, Convert.ToInt32(result.Trace.Find("rules")!.Notes!["checked"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(StepOutcome.Blocked, result.Trace.Find("rejector")!.Outcome);
        Assert.Equal(TurnOutcome.Blocked, result.Outcome);
        Assert.All(result.Trace.Steps, s => Assert.True(s.ElapsedMs >= 0));
    }

    [Fact]
    public async Task StageRegisteredButNotInTheOrderStopsStartup()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await CoreHost.StartAsync(services => services.AddSingleton<ITurnStage>(ScriptedStage.Passing("spellcheck")));
            await host.SendAsync("你好");
        });
        Assert.Contains("spellcheck", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotDefinitionSwitchesAStageOffForThatBot()
    {
        var log = new List<string>();
        await using var host = await CoreHost.StartAsync(
            services =>
            {
                services.AddSingleton<ITurnStage>(ScriptedStage.Passing("guard", log));
                services.AddSingleton<ITurnStage>(ScriptedStage.Answering("cache", "缓存答案", log));
            },
            botYaml: "id: test\npipeline:\n  disabled: [cache]\n");

        var result = await host.SendAsync("怎么退货");

        Assert.Equal(["guard"], log);
        Assert.Equal(StepOutcome.Skipped, result.Trace.Find("cache")!.Outcome);
        Assert.Equal("router", result.AnsweredBy);
    }
}
