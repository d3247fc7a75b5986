using System.Text.Json;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests;

/// <summary><c>servicebot eval kb</c> run as a real process on small files the test writes.</summary>
public sealed class EvalKbCommandTests : IDisposable
{
    private static readonly string[] MetricKeys =
    [
        "recall_at_1", "recall_at_3", "recall_at_5", "recall_at_10", "mrr_at_10", "ndcg_at_10",
        "answer_precision", "answer_coverage", "suggest_hit_rate", "miss_rate", "false_answer_rate", "latency_p50_ms", "latency_p99_ms", "qps",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-eval-kb-").FullName;
    private readonly string _kb;
    private readonly string _queries;

    public EvalKbCommandTests()
    {
        _kb = Write("kb.json", """
            [
              {"id": "returns", "standardQuestion": "怎么退货？", "similarQuestions": ["我想退货怎么操作", "退货流程是什么"]},
              {"id": "refund", "standardQuestion": "退款多久到账？", "similarQuestions": ["钱什么时候退回来", "退款一般几天到账"]}
            ]
            """);

        // The second question is labelled with an entry that shares none of its words: Recall@1 and @10 are exactly 0.5.
        _queries = Write("queries.jsonl", """
            {"query": "退货流程是什么", "faq_id": "returns"}
            {"query": "退货流程", "faq_id": "refund"}
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task JsonPrintsOneObjectPerConfigurationWithSnakeCaseKeys()
    {
        var (code, output, error) = await RunAsync("--kb", _kb, "--queries", _queries, "--json");

        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.Equal(["bm25", "vector", "hybrid", "hybrid+rerank"], lines.Select(l => l.GetProperty("config").GetString()));
        foreach (var line in lines)
        {
            Assert.Equal(2, line.GetProperty("queries").GetInt32());
            Assert.Equal(2, line.GetProperty("answerable").GetInt32());
            if (line.TryGetProperty("skipped", out var why))
            {
                Assert.False(string.IsNullOrWhiteSpace(why.GetString()));
                continue;
            }

            foreach (var key in MetricKeys)
            {
                Assert.True(line.TryGetProperty(key, out _), $"{key} missing in {line}");
            }

            // Lexical matching cannot find the second question's entry; the vector configurations may
            // (the local embedder ranks every entry of a three-entry KB), so only BM25's figures are exact.
            if (line.GetProperty("config").GetString() == "bm25")
            {
                Assert.Equal(0.5, line.GetProperty("recall_at_1").GetDouble());
                Assert.Equal(0.5, line.GetProperty("recall_at_10").GetDouble());
                Assert.Equal(0.5, line.GetProperty("mrr_at_10").GetDouble());
            }
            else
            {
                Assert.InRange(line.GetProperty("recall_at_1").GetDouble(), 0.5, 1);
            }

            Assert.True(line.GetProperty("latency_p99_ms").GetDouble() >= line.GetProperty("latency_p50_ms").GetDouble());

            // Three entries are too few to fit reranker weights on: the prior ranks, and the report says so.
            if (line.GetProperty("config").GetString() == "hybrid+rerank")
            {
                Assert.Equal("prior", line.GetProperty("reranker_weights").GetString());
            }
            else
            {
                Assert.False(line.TryGetProperty("reranker_weights", out _), $"reranker_weights on {line}");
            }
        }
    }

    [Fact]
    public async Task ConfigSelectsConfigurationsRepeatedOrCommaSeparated()
    {
        var (code, output, error) = await RunAsync("--kb", _kb, "--queries", Write("one.jsonl", """{"query": "退货流程是什么", "faq_id": "returns"}"""), "--json", "--config", "hybrid+rerank", "--config", "bm25");
        var (commaCode, commaOutput, _) = await RunAsync("--kb", _kb, "--queries", _queries, "--json", "--config", "bm25,hybrid+rerank");

        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.Equal(["bm25", "hybrid+rerank"], lines.Select(l => l.GetProperty("config").GetString()));
        Assert.All(lines, l => Assert.Equal(1.0, l.GetProperty("recall_at_1").GetDouble()));
        Assert.Equal(0, commaCode);
        Assert.Equal(2, Lines(commaOutput).Count);
    }

    [Fact]
    public async Task AnUnknownConfigurationExitsWith2AndNamesTheValidOnes()
    {
        var (code, output, error) = await RunAsync("--kb", _kb, "--queries", _queries, "--config", "bm42");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("unknown configuration 'bm42'", error, StringComparison.Ordinal);
        Assert.Contains("bm25, vector, hybrid, hybrid+rerank", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegativesAreCountedAsQuestionsWithoutAnAnswer()
    {
        var negatives = Write("negatives.txt", "帮我写一首关于月亮的诗\n" + """{"query": "今天股票涨了吗"}""" + "\n");

        var (code, output, error) = await RunAsync("--kb", _kb, "--queries", _queries, "--negatives", negatives, "--json", "--config", "bm25");

        Assert.True(code == 0, error);
        var line = Assert.Single(Lines(output));
        Assert.Equal(4, line.GetProperty("queries").GetInt32());
        Assert.Equal(2, line.GetProperty("answerable").GetInt32());
        Assert.Equal(2, line.GetProperty("negatives").GetInt32());
        Assert.InRange(line.GetProperty("false_answer_rate").GetDouble(), 0, 1);
        Assert.Equal(0.5, line.GetProperty("recall_at_1").GetDouble());
    }

    [Fact]
    public async Task ReportWritesASelfContainedHtmlPageWithSvgCharts()
    {
        var html = Path.Combine(_folder, "out", "report.html");

        var (code, output, error) = await RunAsync("--kb", _kb, "--queries", _queries, "--report", html);

        Assert.True(code == 0, error);
        Assert.Contains("R@1", output, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("<svg ").Length - 1);
        Assert.Contains("<polyline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", page, StringComparison.Ordinal);
        Assert.Equal(["report.html"], Directory.GetFiles(Path.GetDirectoryName(html)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnIntentsCsvServesAsKbAndAsQuestions()
    {
        var train = Write("train.csv", "text,category\nI am still waiting on my card,card_arrival\nmy card has not arrived yet,card_arrival\nhow do I top up my account,top_up\nadd money to my account,top_up\n");
        var test = Write("test.csv", "text,category\nwhen will my card arrive,card_arrival\ntop up with a bank transfer,top_up\n");

        var (code, output, error) = await RunAsync("--kb", train, "--queries", test, "--json", "--config", "bm25");

        Assert.True(code == 0, error);
        var line = Assert.Single(Lines(output));
        Assert.Equal(2, line.GetProperty("answerable").GetInt32());
        Assert.Equal(1.0, line.GetProperty("recall_at_1").GetDouble());
    }

    [Fact]
    public async Task DumpTokensWritesTheKbRowsAndQuestionsAsTerms()
    {
        var folder = Path.Combine(_folder, "tokens");

        var (code, _, error) = await RunAsync("--kb", _kb, "--queries", _queries, "--dump-tokens", folder);

        Assert.True(code == 0, error);
        var kb = await File.ReadAllLinesAsync(Path.Combine(folder, "kb.tsv"), TestContext.Current.CancellationToken);
        var queries = await File.ReadAllLinesAsync(Path.Combine(folder, "queries.tsv"), TestContext.Current.CancellationToken);
        Assert.Equal(6, kb.Length);
        Assert.All(kb, l => Assert.Matches(@"^(returns|refund)\t\S+( \S+)*$", l));
        Assert.Equal(["returns", "refund"], queries.Select(l => l.Split('\t')[0]));
        Assert.Contains("退货", queries[0].Split('\t')[1].Split(' '));
    }

    [Theory]
    [InlineData("missing-queries", "does not exist")]
    [InlineData("malformed-queries", "bad.jsonl line 2: invalid JSON")]
    [InlineData("missing-kb", "does not exist")]
    [InlineData("malformed-kb", "kb-bad.json")]
    public async Task BadFilesExitWith2AndAClearMessage(string problem, string message)
    {
        var bad = Write("bad.jsonl", """{"query": "退货流程是什么", "faq_id": "returns"}""" + "\n{\"query\": \n");
        var badKb = Write("kb-bad.json", """[{"id": "a", "standardQuestion": ""}]""");
        string[] args = problem switch
        {
            "missing-queries" => ["--kb", _kb, "--queries", Path.Combine(_folder, "none.jsonl")],
            "malformed-queries" => ["--kb", _kb, "--queries", bad],
            "missing-kb" => ["--kb", Path.Combine(_folder, "none.json"), "--queries", _queries],
            _ => ["--kb", badKb, "--queries", _queries],
        };

        var (code, output, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        ServiceBotCli.RunAsync(["eval", "kb", .. args, "--ServiceBot:DataDirectory=" + Path.Combine(_folder, "data")], TestContext.Current.CancellationToken);
}
