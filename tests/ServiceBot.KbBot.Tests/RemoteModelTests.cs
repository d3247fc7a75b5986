using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Responders;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Reranking;
using ServiceBot.KbBot.Responding;
using ServiceBot.KbBot.Settings;
using ServiceBot.TestLlm;

namespace ServiceBot.KbBot.Tests;

/// <summary>The remote embedder and cross-encoder against the project's test model server over real HTTP.</summary>
public sealed class RemoteModelTests : IAsyncLifetime
{
    private TestLlmServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await TestLlmServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EmbedsEachDistinctQuestionOnceInBatchesOfTheConfiguredSize()
    {
        using var services = Services(("BatchSize", "5"));
        var entries = TestKb.Shop();
        var distinct = entries.SelectMany(e => e.SimilarQuestions.Prepend(e.StandardQuestion)).Distinct(StringComparer.Ordinal).Count();

        var snapshot = await TestKb.BuildAsync(entries, VectorSettings(), Factory(services));

        Assert.Null(snapshot.DegradedReason);
        Assert.NotNull(snapshot.Vectors);
        Assert.Equal(64, snapshot.Vectors.Encoder.Dimensions);
        var requests = _server.EmbeddingRequests;
        Assert.Equal((distinct + 4) / 5, requests.Count);
        Assert.All(requests, r => Assert.InRange(r.Body["input"]!.AsArray().Count, 1, 5));
        Assert.Equal(distinct, requests.Sum(r => r.Body["input"]!.AsArray().Count));
        Assert.All(requests, r => Assert.Equal("test-embed", (string?)r.Body["model"]));
        Assert.All(requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
    }

    [Fact]
    public async Task ABuildWithTheSameQuestionsIsServedFromTheCache()
    {
        using var services = Services();
        var factory = Factory(services);
        await TestKb.BuildAsync(TestKb.Shop(), VectorSettings(), factory);
        var first = _server.EmbeddingRequests.Count;
        var changed = TestKb.Shop();
        changed.Add(TestKb.Faq("gift-wrap", "可以礼品包装吗？", "每件加收5元。", "能不能包装成礼物"));

        await TestKb.BuildAsync(changed, VectorSettings(), factory);

        var second = _server.EmbeddingRequests.Skip(first).ToList();
        var request = Assert.Single(second);
        Assert.Equal(["可以礼品包装吗？", "能不能包装成礼物"], request.Body["input"]!.AsArray().Select(t => (string)t!), (expected, sent) => TestKb.Analyzer.Analyze(expected).Normalized == sent);
    }

    [Fact]
    public async Task AnswersAParaphraseWithVectorRecall()
    {
        using var services = Services();
        var responder = await Responder(await TestKb.BuildAsync(TestKb.Shop(), VectorSettings(), Factory(services)));
        var turn = TestKb.Turn("退货流程是怎样的");

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        var step = turn.Trace.Find("turn")!;
        Assert.Equal("kbbot/hybrid+rerank", step.Candidates![0].Source);
        Assert.Equal("returns-how", step.Candidates[0].Id);
        Assert.Equal("退货流程是怎样的", (string?)_server.EmbeddingRequests[^1].Body["input"]![0]);
    }

    [Fact]
    public async Task WrongDimensionsLeaveTheKbAnsweringWithBm25AndSayBothNumbers()
    {
        _server.Script = new TestLlmScript { Embeddings = { WrongDimensions = 32 } };
        using var services = Services();
        var entries = TestKb.Shop();

        var snapshot = await TestKb.BuildAsync(entries, VectorSettings(), Factory(services));

        Assert.Null(snapshot.Vectors);
        Assert.Contains("32-dimensional", snapshot.DegradedReason, StringComparison.Ordinal);
        Assert.Contains("Dimensions is 64", snapshot.DegradedReason, StringComparison.Ordinal);
        Assert.Equal(entries.Select(e => e.Id), snapshot.Entries.Select(e => e.Id));
        await AssertAnswersWithBm25Async(snapshot, "32-dimensional");
    }

    [Fact]
    public async Task AnEmbedderThatTimesOutIsRetriedThenLeavesTheKbOnBm25()
    {
        _server.Script = new TestLlmScript { Embeddings = { DelayMs = 5000 } };
        using var services = Services(("Timeout", "00:00:00.100"), ("MaxRetries", "1"), ("RetryDelay", "00:00:00"));

        var snapshot = await TestKb.BuildAsync(TestKb.Shop(), VectorSettings(), Factory(services));

        Assert.Null(snapshot.Vectors);
        Assert.Contains("did not answer within 100 ms (ServiceBot:Embedder:Timeout)", snapshot.DegradedReason, StringComparison.Ordinal);
        Assert.Equal(2, _server.EmbeddingRequests.Count);
        await AssertAnswersWithBm25Async(snapshot, "did not answer");
    }

    [Theory]
    [InlineData(401, null, "HTTP 401 (check ServiceBot:Embedder:ApiKey)")]
    [InlineData(500, null, "answered HTTP 500")]
    [InlineData(null, "<html>busy</html>", "malformed JSON")]
    [InlineData(null, """{"data": [{"index": 0, "embedding": ["x"]}]}""", "malformed JSON")]
    public async Task AnEmbedderErrorIsTheDegradedReason(int? status, string? body, string reason)
    {
        _server.Script = new TestLlmScript { Embeddings = { Status = status, RawBody = body } };
        using var services = Services();

        var snapshot = await TestKb.BuildAsync(TestKb.Shop(), VectorSettings(), Factory(services));

        Assert.Null(snapshot.Vectors);
        Assert.Contains(reason, snapshot.DegradedReason, StringComparison.Ordinal);
        Assert.Contains(_server.Root.Authority, snapshot.DegradedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmbedderDownAtQueryTimeLeavesThatTurnToBm25WithATraceEntry()
    {
        using var services = Services();
        var responder = await Responder(await TestKb.BuildAsync(TestKb.Shop(), VectorSettings(), Factory(services)));
        _server.Script = new TestLlmScript { Embeddings = { Status = 503 } };
        var turn = TestKb.Turn("退货流程是怎样的");

        var result = await responder.RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        var step = turn.Trace.Find("turn")!;
        Assert.Contains("HTTP 503", (string)step.Notes!["degraded"]!, StringComparison.Ordinal);
        Assert.Equal("kbbot/bm25+rerank", step.Candidates![0].Source);
    }

    [Fact]
    public async Task AnEndpointWithoutAModelStopsTheHostWithAMessageNamingTheKey()
    {
        using var services = Services(("Model", ""));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HttpEmbedderOptions>>().Value);

        Assert.Contains("ServiceBot:Embedder:Model is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tei", "texts")]
    [InlineData("cohere", "documents")]
    public async Task TheCrossEncoderReordersTheTopCandidates(string protocol, string listName)
    {
        // Every question of returns-shipping scores high, whichever of them matched best locally.
        _server.Script = new TestLlmScript { Rerank = { Rules = [.. TestKb.Shop().Single(e => e.Id == "returns-shipping").SimilarQuestions.Prepend("退货运费谁承担？").Select(q => new TestLlmRerankRule { Contains = q, Score = 0.97 })] } };
        var snapshot = await TestKb.BuildAsync(TestKb.Shop(), TestKb.Settings(answer: 0.999, suggest: 0.0001));
        using var services = RerankServices(("Protocol", protocol), ("Timeout", "00:00:10"));
        var local = TestKb.Turn("退货怎么办");
        await (await Responder(snapshot)).RespondAsync(local, TestContext.Current.CancellationToken);
        var turn = TestKb.Turn("退货怎么办");

        await (await Responder(snapshot, services.GetRequiredService<IKbCrossEncoder>())).RespondAsync(turn, TestContext.Current.CancellationToken);

        var localOrder = local.Trace.Find("turn")!.Candidates!.Select(c => c.Id).ToList();
        var step = turn.Trace.Find("turn")!;
        Assert.NotEqual("returns-shipping", localOrder[0]);
        Assert.Equal("returns-shipping", step.Candidates![0].Id);
        Assert.Equal("cross-encoder", step.Notes!["rerank"]);
        var request = Assert.Single(_server.RerankRequests);
        Assert.Equal(Math.Min(10, localOrder.Count), request.Body[listName]!.AsArray().Count);
        Assert.Equal(localOrder.Count, step.Candidates.Count);
    }

    [Theory]
    [InlineData(10000, null, null, "local (cross-encoder timed out)")]
    [InlineData(0, 500, null, "local (cross-encoder answered HTTP 500)")]
    [InlineData(0, 401, null, "local (cross-encoder answered HTTP 401)")]
    [InlineData(0, null, "not json", "local (cross-encoder answered malformed JSON)")]
    [InlineData(0, null, """[{"index": 0, "score": 7.5}]""", "local (cross-encoder answered malformed JSON: a score outside [0, 1] (raw logits?))")]
    public async Task AFailingCrossEncoderLeavesTheLocalOrderAndSaysWhy(int delayMs, int? status, string? body, string note)
    {
        _server.Script = new TestLlmScript { Rerank = { DelayMs = delayMs, Status = status, RawBody = body, Rules = [new TestLlmRerankRule { Contains = "运费", Score = 0.97 }] } };
        var snapshot = await TestKb.BuildAsync(TestKb.Shop(), TestKb.Settings(answer: 0.999, suggest: 0.0001));
        // Long enough for a cold connection on a busy machine; the scripted delay is far beyond it.
        using var services = RerankServices(("Timeout", "00:00:03"));
        var local = TestKb.Turn("退货怎么办");
        await (await Responder(snapshot)).RespondAsync(local, TestContext.Current.CancellationToken);
        var turn = TestKb.Turn("退货怎么办");

        var result = await (await Responder(snapshot, services.GetRequiredService<IKbCrossEncoder>())).RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Suggested, result.Outcome);
        var step = turn.Trace.Find("turn")!;
        Assert.Equal(note, step.Notes!["rerank"]);
        Assert.Equal(local.Trace.Find("turn")!.Candidates!.Select(c => (c.Id, c.Probability)), step.Candidates!.Select(c => (c.Id, c.Probability)));
    }

    private static async Task AssertAnswersWithBm25Async(KbSnapshot snapshot, string reason)
    {
        var turn = TestKb.Turn("退货流程是怎样的");

        var result = await (await Responder(snapshot)).RespondAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(ResponderOutcome.Answered, result.Outcome);
        var step = turn.Trace.Find("turn")!;
        Assert.Equal("kbbot/bm25+rerank", step.Candidates![0].Source);
        Assert.Contains(reason, (string)step.Notes!["vectors"]!, StringComparison.Ordinal);
    }

    private static KbSettings VectorSettings()
    {
        var settings = TestKb.Settings();
        settings.Recall.Vector = true;
        return settings;
    }

    private static IKbEncoderFactory Factory(ServiceProvider services) => services.GetServices<IKbEncoderFactory>().Last();

    private static Task<KbResponder> Responder(KbSnapshot snapshot, IKbCrossEncoder? crossEncoder = null)
    {
        var registry = new KbRegistry();
        registry.Publish(snapshot);
        var service = new KbService(registry, TestKb.Analyzer, Options.Create(new KbBotOptions()), NullLogger<KbService>.Instance, [], [], [], []);
        return Task.FromResult(new KbResponder(registry, service, TestKb.Analyzer, Array.Empty<IConversationLog>(), NullLogger<KbResponder>.Instance, crossEncoder is null ? [] : [crossEncoder]));
    }

    private ServiceProvider Services(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Endpoint"] = _server.BaseAddress.ToString(),
            ["Model"] = "test-embed",
            ["ApiKey"] = "sk-test",
            ["Dimensions"] = "64",
            ["MaxRetries"] = "0",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return Build(settings.ToDictionary(p => HttpEmbedderOptions.Section + ":" + p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private ServiceProvider RerankServices(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Endpoint"] = _server.Root.ToString(),
            ["Model"] = "test-rerank",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return Build(settings.ToDictionary(p => CrossEncoderOptions.Section + ":" + p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServiceBotKbBot(configuration);
        return services.BuildServiceProvider();
    }
}
