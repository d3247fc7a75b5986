using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters.Entailment;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.Testing;
using ServiceBot.TestLlm;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>
/// The entailment check against the test model server's TEI-style <c>/predict</c> over real HTTP: sentences
/// the sources contradict (or, in entailment mode, do not entail) are removed or block the reply, and every
/// failure of the endpoint lets the reply pass with the reason in the trace.
/// </summary>
public sealed class EntailmentFilterTests : IAsyncLifetime
{
    private const string Grounded = "自签收次日起7天内可申请无理由退货。仓库收到退货并验收后，1-3个工作日内原路退款。";
    private const string Contradicted = "退货商品不需要包装和配件齐全。";

    // A question the KB only half matches ("did you mean"), so the ChatBot generates from the recalled context.
    private const string VagueReturnQuestion = "东西不想要了，退回去要走什么手续";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "servicebot-nli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly List<ChatBotServer> _bots = [];
    private TestLlmServer _nli = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _nli = await TestLlmServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await _nli.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ContradictedSentenceIsRemoved()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Contains = "不需要包装", Label = "contradiction", Score = 0.97 }] };
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal(Grounded, result.Text);
        Assert.Equal("contradicted: sentence 2 (contradiction 0.97)", result.Reason);
        var judgements = Judgements(turn);
        Assert.Equal([0, 1, 2], judgements.Select(j => j.Sentence));
        Assert.Equal(new EntailmentJudgement(2, "contradiction", 0.97, EntailmentJudgement.Unsupported), judgements[2]);
        Assert.All(judgements.Take(2), j => Assert.Equal(EntailmentJudgement.Supported, j.Verdict));
    }

    [Fact]
    public async Task EntailmentModeRemovesSentenceTheSourcesDoNotEntail()
    {
        // Unscripted, the test server entails a hypothesis whose bigrams are mostly in the premise, else says neutral.
        const string Unstated = "我们的客服团队非常专业，服务一流。";
        var strict = await StartAsync(new Bot(Mode: "entailment", Threshold: 0.5));
        var turn = GroundedTurn(strict);

        var result = await Filter(strict).CheckAsync(turn, turn.CreateReply(""), Grounded + Unstated, Ct);

        Assert.Equal(ReplyVerdict.Repaired, result.Verdict);
        Assert.Equal(Grounded, result.Text);
        Assert.StartsWith("not-entailed: sentence 2 (entailment 0.", result.Reason, StringComparison.Ordinal);
        Assert.Equal("neutral", Judgements(turn)[2].Label);
    }

    [Fact]
    public async Task ContradictionModeKeepsASentenceTheSourcesOnlyDoNotState()
    {
        const string Unstated = "我们的客服团队非常专业，服务一流。";
        var bot = await StartAsync(new Bot(Mode: "contradiction"));
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Unstated, Ct);

        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
        Assert.Equal(Grounded + Unstated, result.Text);
    }

    [Fact]
    public async Task BlockPolicyRejectsTheReply()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Contains = "不需要包装", Label = "contradiction", Score = 0.9 }] };
        var bot = await StartAsync(new Bot(Policy: "block"));
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Equal(Grounded + Contradicted, result.Text);
        Assert.Equal("contradicted: sentence 2 (contradiction 0.90)", result.Reason);
    }

    [Fact]
    public async Task ReplyWithNothingLeftIsBlocked()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Contains = "不需要包装", Label = "contradiction", Score = 0.9 }] };
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), "您好！" + Contradicted + "[1]\n\n参考：\n[1] 怎么退货？", Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
    }

    [Fact]
    public async Task MoreUnsupportedSentencesThanAllowedBlockTheReply()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Contains = "不", Label = "contradiction", Score = 0.9 }] };
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted + "退款不会原路返回。", Ct);

        Assert.Equal(ReplyVerdict.Blocked, result.Verdict);
        Assert.Equal("contradicted: sentence 2 (contradiction 0.90); contradicted: sentence 3 (contradiction 0.90)", result.Reason);
    }

    [Fact]
    public async Task GroundedReplyPassesUntouched()
    {
        var bot = await StartAsync(new Bot(Mode: "entailment"));
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded, Ct);

        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
        Assert.Equal(Grounded, result.Text);
        Assert.Null(result.Reason);
        Assert.All(Judgements(turn), j => Assert.Equal(("entailment", EntailmentJudgement.Supported), (j.Label, j.Verdict)));
        Assert.Single(Predictions());
    }

    [Fact]
    public async Task OneRequestCarriesThePremiseHypothesisPairsAndTheBearerKey()
    {
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot, "我想退货");
        var reply = "您好！自签收次日起7天内可申请无理由退货[1]。需要我帮您查订单吗？仓库验收后1-3个工作日内原路退款[2]。\n\n参考：\n[1] 怎么退货？\n[2] 退款多久到账？";

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), reply, Ct);

        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
        var request = Assert.Single(Predictions());
        Assert.Equal("Bearer nli-key", request.Authorization);
        Assert.True((bool?)request.Body["truncate"]);
        var pairs = request.Body["inputs"]!.AsArray().Select(p => ((string)p![0]!, (string)p[1]!)).ToList();

        // The greeting, the question and the sources list are not claims.
        Assert.Equal(["自签收次日起7天内可申请无理由退货。", "仓库验收后1-3个工作日内原路退款。"], pairs.Select(p => p.Item2));
        var premise = pairs[0].Item1;
        Assert.All(pairs, p => Assert.Equal(premise, p.Item1));
        Assert.All(ShopPassages.All, p => Assert.Contains(p.Text, premise, StringComparison.Ordinal));
        Assert.Contains("我想退货", premise, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PremiseIsCutAtASentenceEndWithinMaxPremiseChars()
    {
        var bot = await StartAsync(new Bot(MaxPremiseChars: 80));
        var turn = GroundedTurn(bot);

        await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded, Ct);

        var premise = (string)Assert.Single(Predictions()).Body["inputs"]![0]![0]!;
        Assert.InRange(premise.Length, 10, 80);
        Assert.Matches("[。？！]$", premise);
        Assert.StartsWith(ShopPassages.All[0].Title, premise, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeoutFailsOpenWithTheReasonInTheTraceAndNoCustomerTextInTheLog()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { DelayMs = 3000 }] };
        var logs = new CapturedLogs();
        var bot = await StartAsync(new Bot(), timeout: "00:00:00.300", logs: logs);
        var turn = GroundedTurn(bot);
        var reply = Grounded + Contradicted;

        var started = DateTimeOffset.UtcNow;
        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), reply, Ct);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2), "the check waited for the slow endpoint");
        AssertSkipped(turn, result, reply, "timeout");
        var warning = Assert.Single(logs.Entries, e => e.Category.EndsWith(nameof(EntailmentFilter), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("timeout", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("退货", warning.Message, StringComparison.Ordinal);

        // The rest of the turn (a streamed reply's later sentences, the post-filter's re-check) skips without calling.
        var again = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), "退款会在三个工作日内原路退回。", Ct);
        AssertSkipped(turn, again, "退款会在三个工作日内原路退回。", "timeout");
        Assert.Single(Predictions());
    }

    [Theory]
    [InlineData(500, "http-500")]
    [InlineData(503, "http-503")]
    [InlineData(401, "http-401")]
    public async Task ErrorStatusFailsOpen(int status, string reason)
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Status = status }] };
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        AssertSkipped(turn, result, Grounded + Contradicted, reason);
    }

    [Theory]
    [InlineData("{not json", "malformed-response: not JSON")]
    [InlineData("{\"error\": \"busy\"}", "malformed-response: not a list")]
    [InlineData("[[{\"label\": \"ENTAILMENT\", \"score\": 0.9}]]", "malformed-response: expected 3 results, got 1")]
    [InlineData("[[{\"label\": \"LABEL_0\", \"score\": 0.9}], [{\"label\": \"LABEL_1\", \"score\": 0.9}], [{\"label\": \"LABEL_0\", \"score\": 0.9}]]", "malformed-response: no entailment or contradiction label")]
    [InlineData("[[{\"label\": \"ENTAILMENT\"}], [], [1]]", "malformed-response: a label without a name or a numeric score")]
    public async Task MalformedResponseFailsOpen(string body, string reason)
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { RawBody = body }] };
        var bot = await StartAsync(new Bot());
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        AssertSkipped(turn, result, Grounded + Contradicted, reason);
    }

    [Fact]
    public async Task RefusedConnectionFailsOpen()
    {
        var bot = await StartAsync(new Bot(), endpoint: new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/"));
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        AssertSkipped(turn, result, Grounded + Contradicted, "unreachable");
    }

    [Fact]
    public async Task ReplyWithoutGroundingIsNotChecked()
    {
        var bot = await StartAsync(new Bot(Mode: "entailment"));
        var turn = bot.Turn("你好");

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), "很高兴认识您，今天天气不错。", Ct);

        AssertSkipped(turn, result, "很高兴认识您，今天天气不错。", "no-sources");
        Assert.Empty(Predictions());
    }

    [Fact]
    public async Task DisabledCheckMakesNoCall()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Label = "contradiction", Score = 0.99 }] };
        var bot = await StartAsync(new Bot(Enabled: false));
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        Assert.Equal(ReplyFilterResult.Pass(Grounded + Contradicted), result);
        Assert.Empty(Predictions());
        Assert.Null(turn.Trace.Current!.Notes);
    }

    [Fact]
    public async Task EnabledWithoutAnEndpointMakesNoCallAndWarnsWhenTheBotLoads()
    {
        _nli.Script = new TestLlmScript { Nli = [new TestLlmNliRule { Label = "contradiction", Score = 0.99 }] };
        var logs = new CapturedLogs();
        var bot = await StartAsync(new Bot(), logs: logs, withEndpoint: false);
        var turn = GroundedTurn(bot);

        var result = await Filter(bot).CheckAsync(turn, turn.CreateReply(""), Grounded + Contradicted, Ct);

        Assert.Equal(ReplyFilterResult.Pass(Grounded + Contradicted), result);
        Assert.Empty(Predictions());
        Assert.True(
            logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("ServiceBot:Nli:Endpoint", StringComparison.Ordinal)),
            "no warning about the missing endpoint; logged: " + string.Join("\n", logs.Entries.Select(e => e.Message)));
    }

    [Fact]
    public async Task ContradictedGeneratedReplyEndsInTheSafeAlternative()
    {
        // The test server also plays the model: it answers with the first sentence of the first passage, cited.
        _nli.Script = new TestLlmScript
        {
            Rules = [new TestLlmRule { Mode = TestLlmReplyMode.Grounded }],
            Nli = [new TestLlmNliRule { Contains = "无理由退货", Label = "contradiction", Score = 0.95 }],
        };
        var bot = await StartAsync(new Bot(), generate: true);

        await bot.Server.Conversation("shop", "zh-CN").Send(VagueReturnQuestion)
            .AssertAnsweredBy("postfilter")
            .AssertOutcome(TurnOutcome.Fallback)
            .AssertSuggestion("转人工")
            .AssertTrace(trace => Assert.Contains(
                "entailment: blocked (contradicted: sentence 0 (contradiction 0.95))",
                trace.Find("postfilter")!.Notes!["decisions"]!.ToString(),
                StringComparison.Ordinal));
        Assert.Single(Predictions());
    }

    [Fact]
    public async Task GeneratedReplyIsSentUncheckedWhenTheEndpointFails()
    {
        _nli.Script = new TestLlmScript
        {
            Rules = [new TestLlmRule { Mode = TestLlmReplyMode.Grounded }],
            Nli = [new TestLlmNliRule { Status = 503 }],
        };
        var bot = await StartAsync(new Bot(), generate: true);

        await bot.Server.Conversation("shop", "zh-CN").Send(VagueReturnQuestion)
            .AssertAnsweredBy("chatbot")
            .AssertOutcome(TurnOutcome.Answered)
            .AssertReply(contains: "7天内可申请无理由退货")
            .AssertTrace(trace => Assert.Equal("http-503", trace.Find("postfilter")!.Notes!["entailment-skipped"]!.ToString()));
    }

    [Fact]
    public async Task StreamedSentencesAreCheckedAsReleasedAndThePostFilterRecheckMakesNoCall()
    {
        _nli.Script = new TestLlmScript { Rules = [new TestLlmRule { Reply = Grounded, ChunkSize = 3 }] };
        var bot = await StartAsync(new Bot(), generate: true);
        var stream = new RecordingStream();
        var turn = bot.Turn("请问怎么退货", stream: stream);

        var result = await bot.Responder.RespondAsync(turn, Ct);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        Assert.Equal(2, Predictions().Count);
        var recheck = await Filter(bot).CheckAsync(turn, result.Replies[0], result.Replies[0].Text!, Ct);
        Assert.Equal(ReplyVerdict.Pass, recheck.Verdict);
        Assert.Equal(2, Predictions().Count);
    }

    [Fact]
    public async Task StreamStopsAtAContradictedSentence()
    {
        _nli.Script = new TestLlmScript
        {
            Rules = [new TestLlmRule { Reply = Grounded + Contradicted, ChunkSize = 3 }],
            Nli = [new TestLlmNliRule { Contains = "不需要包装", Label = "contradiction", Score = 0.95 }],
        };
        var bot = await StartAsync(new Bot(), generate: true);
        var stream = new RecordingStream();
        var turn = bot.Turn("请问怎么退货", stream: stream);

        var result = await bot.Responder.RespondAsync(turn, Ct);

        Assert.Equal(ResponderOutcome.Fallback, result.Outcome);
        Assert.Equal("stream-blocked", result.Reason);
        Assert.DoesNotContain(stream.Chunks, c => c.Contains("不需要包装", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunsAfterTheOtherReplyFilters()
    {
        var bot = await StartAsync(new Bot(Enabled: false));
        var names = bot.Server.Services.GetServices<IReplyFilter>().Select(f => f.Name).ToList();

        Assert.All(["repetition", "fastfix", "unsupported-facts"], name => Assert.InRange(names.IndexOf(name), 0, names.IndexOf("entailment") - 1));
    }

    [Theory]
    [InlineData("mode: maybe", "chatbot.filters.entailment.mode")]
    [InlineData("policy: drop", "chatbot.filters.entailment.policy")]
    [InlineData("threshold: 1.5", "chatbot.filters.entailment.threshold")]
    [InlineData("max-premise-chars: 0", "chatbot.filters.entailment.max-premise-chars")]
    public void InvalidSettingsNameTheKey(string setting, string key)
    {
        var settings = new EntailmentSettings();
        var (name, value) = (setting.Split(": ")[0], setting.Split(": ")[1]);
        switch (name)
        {
            case "mode": settings.Mode = value; break;
            case "policy": settings.Policy = value; break;
            case "threshold": settings.Threshold = double.Parse(value, CultureInfo.InvariantCulture); break;
            default: settings.MaxPremiseChars = int.Parse(value, CultureInfo.InvariantCulture); break;
        }

        var error = Assert.Throws<BotDefinitionException>(() => settings.Validate("bot.yaml"));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static void AssertSkipped(TurnContext turn, ReplyFilterResult result, string text, string reason)
    {
        Assert.Equal(ReplyVerdict.Pass, result.Verdict);
        Assert.Equal(text, result.Text);
        Assert.Equal("entailment-skipped: " + reason, result.Reason);
        Assert.Equal(reason, turn.Trace.Current!.Notes!["entailment-skipped"]);
    }

    private static TurnContext GroundedTurn(ChatBotServer bot, string text = "怎么退货")
    {
        var turn = bot.Turn(text);
        turn.Features.Set(new GroundingContext(ShopPassages.All));
        return turn;
    }

    private static List<EntailmentJudgement> Judgements(TurnContext turn) => (List<EntailmentJudgement>)turn.Trace.Current!.Notes!["entailment"]!;

    private static IReplyFilter Filter(ChatBotServer bot) => bot.Server.Services.GetServices<IReplyFilter>().Single(f => f.Name == "entailment");

    private List<RecordedRequest> Predictions() => [.. _nli.Requests.Where(r => r.Path == "/predict")];

    /// <summary>A server over a private copy of the sample bot with these entailment settings, its NLI client pointed at <paramref name="endpoint"/> (the test server by default).</summary>
    private async Task<ChatBotServer> StartAsync(Bot settings, string timeout = "00:00:03", CapturedLogs? logs = null, Uri? endpoint = null, bool withEndpoint = true, bool generate = false)
    {
        var bots = Path.Combine(_root, _bots.Count.ToString(CultureInfo.InvariantCulture));
        Copy(Path.Combine(SharedData.RepositoryRoot, "bots", "shop"), Path.Combine(bots, "bots", "shop"));
        Copy(Path.Combine(SharedData.RepositoryRoot, "knowledge", "shop"), Path.Combine(bots, "knowledge", "shop"));
        Copy(Path.Combine(SharedData.RepositoryRoot, "dialogs", "shop"), Path.Combine(bots, "dialogs", "shop"));
        var file = Path.Combine(bots, "bots", "shop", "bot.yaml");
        var yaml = (await File.ReadAllTextAsync(file, Ct)).ReplaceLineEndings("\n");
        var start = yaml.IndexOf("    entailment:\n", StringComparison.Ordinal);
        var end = yaml.IndexOf("  fallback:", start, StringComparison.Ordinal);
        yaml = yaml[..start] + settings.Yaml + yaml[end..];
        await File.WriteAllTextAsync(file, yaml, Ct);

        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:Nli:ApiKey"] = "nli-key",
            ["ServiceBot:Nli:Timeout"] = timeout,
        };
        if (withEndpoint)
        {
            configuration["ServiceBot:Nli:Endpoint"] = (endpoint ?? _nli.Root).ToString();
        }

        var bot = await ChatBotServer.StartAsync(generate ? _nli : null, configuration, botsDirectory: Path.Combine(bots, "bots"), configure: logs is null ? null : s => s.AddSingleton<ILoggerProvider>(logs));
        _bots.Add(bot);
        _nli.ClearRequests();
        return bot;
    }

    private static void Copy(string from, string to)
    {
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }
    }

    /// <summary>The <c>chatbot.filters.entailment</c> section a test runs with.</summary>
    private sealed record Bot(bool Enabled = true, string Mode = "contradiction", double Threshold = 0.5, string Policy = "remove-sentence", int MaxPremiseChars = 2000)
    {
        public string Yaml => string.Create(
            CultureInfo.InvariantCulture,
            $"    entailment:\n      enabled: {(Enabled ? "true" : "false")}\n      mode: {Mode}\n      threshold: {Threshold}\n      policy: {Policy}\n      max-removed-sentences: 1\n      max-premise-chars: {MaxPremiseChars}\n");
    }
}
