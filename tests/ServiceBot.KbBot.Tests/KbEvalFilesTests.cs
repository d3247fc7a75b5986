using ServiceBot.KbBot.Evaluation;

namespace ServiceBot.KbBot.Tests;

/// <summary>The KB and question files of <c>eval kb</c>: intents CSV as one entry per intent, question JSONL, negatives.</summary>
public sealed class KbEvalFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-eval-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnIntentsCsvBecomesOneEntryPerIntentWithItsUtterancesAsQuestions()
    {
        var path = Write("train.csv", "text,category\nI am still waiting on my card?,card_arrival\n\"Where is my card, it has been a week\",card_arrival\nHow do I top up?,top_up\n");

        var result = await KbEvalFiles.ReadKbAsync(path, TestContext.Current.CancellationToken);

        Assert.False(result.HasErrors, string.Join("\n", result.Issues));
        Assert.Equal(["card_arrival", "top_up"], result.Entries.Select(e => e.Id));
        var card = result.Entries[0];
        Assert.Equal("I am still waiting on my card?", card.StandardQuestion);
        Assert.Equal(["Where is my card, it has been a week"], card.SimilarQuestions);
    }

    [Fact]
    public async Task AnIntentsCsvWithTheSameUtteranceUnderTwoIntentsIsAnError()
    {
        var path = Write("train.csv", "text,category\nmy card is lost,lost_card\nmy card is lost,card_arrival\n");

        var result = await KbEvalFiles.ReadKbAsync(path, TestContext.Current.CancellationToken);

        Assert.True(result.HasErrors);
        Assert.Contains(result.Issues, i => i.Message.Contains("lost_card", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnFaqFileNeedsNoAnswersForEvaluation()
    {
        var path = Write("kb.jsonl", """{"faq_id": "BQ0000", "standard_question": "换手机号", "similar_questions": ["变更电话号码"]}""" + "\n");

        var result = await KbEvalFiles.ReadKbAsync(path, TestContext.Current.CancellationToken);

        Assert.False(result.HasErrors, string.Join("\n", result.Issues));
        Assert.Equal("BQ0000", Assert.Single(result.Entries).Id);
    }

    [Fact]
    public async Task QuestionsAreReadFromJsonLinesAndFromAnIntentsCsv()
    {
        var jsonl = Write("q.jsonl", """{"query": "怎样更改电话号码？", "faq_id": "BQ0000"}""" + "\n\n" + """{"query": "今天天气", "faq_id": null, "locale": "zh-CN"}""" + "\n");
        var csv = Write("test.csv", "text,category\nHow do I locate my card?,card_arrival\n");

        var fromJson = await KbEvalFiles.ReadQueriesAsync(jsonl, negatives: false, TestContext.Current.CancellationToken);
        var fromCsv = await KbEvalFiles.ReadQueriesAsync(csv, negatives: false, TestContext.Current.CancellationToken);

        Assert.Equal([new KbEvalQuery("怎样更改电话号码？", "BQ0000"), new KbEvalQuery("今天天气", null, "zh-CN")], fromJson);
        Assert.Equal([new KbEvalQuery("How do I locate my card?", "card_arrival")], fromCsv);
    }

    [Fact]
    public async Task NegativesArePlainLinesOrJsonAndNeverCarryAnAnswer()
    {
        var path = Write("neg.txt", "帮我写一首诗\n\n" + """{"query": "what is the weather", "faq_id": "BQ0000"}""" + "\n");

        var negatives = await KbEvalFiles.ReadQueriesAsync(path, negatives: true, TestContext.Current.CancellationToken);

        Assert.Equal([new KbEvalQuery("帮我写一首诗", null), new KbEvalQuery("what is the weather", null)], negatives);
    }

    [Theory]
    [InlineData("{\"query\": \"a\", \"faq_id\": \"x\"}\n{\"query\": \"b\", \"faq_id\"\n", "q.jsonl line 2: invalid JSON")]
    [InlineData("{\"query\": \"a\", \"faq_id\": \"x\"}\n\n{\"faq_id\": \"x\"}\n", "q.jsonl line 3: expected {\"query\"")]
    [InlineData("{\"query\": \"a\", \"faq_id\": [1]}\n", "q.jsonl line 1: faq_id must be a string or null")]
    public async Task AMalformedQuestionLineIsReportedWithItsLineNumber(string content, string message)
    {
        var path = Write("q.jsonl", content);

        var error = await Assert.ThrowsAsync<KbEvalFileException>(() => KbEvalFiles.ReadQueriesAsync(path, negatives: false, TestContext.Current.CancellationToken));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIntentsCsvRowWithoutACategoryIsReportedWithItsLine()
    {
        var path = Write("test.csv", "text,category\nfine,card_arrival\nno label here,\n");

        var error = await Assert.ThrowsAsync<KbEvalFileException>(() => KbEvalFiles.ReadQueriesAsync(path, negatives: false, TestContext.Current.CancellationToken));

        Assert.Equal("test.csv line 3: the category is empty.", error.Message);
    }

    [Fact]
    public async Task AMissingFileIsAClearError()
    {
        var error = await Assert.ThrowsAsync<KbEvalFileException>(() => KbEvalFiles.ReadQueriesAsync(Path.Combine(_folder, "none.jsonl"), negatives: false, TestContext.Current.CancellationToken));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
