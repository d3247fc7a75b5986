using System.Text;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Documents;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Tests.Documents;

/// <summary>The recursive splitter: sizes, overlap, separators, heading paths and the settings it refuses.</summary>
public sealed class ChunkSplitterTests
{
    private static KnowledgeDocument Document(string text, params DocumentHeading[] headings) =>
        new() { Id = "doc.md", Title = "Doc", Text = text, Headings = [.. headings] };

    [Fact]
    public void ChunksStayWithinTheSizeOverlapExactlyAndCoverTheText()
    {
        var paragraphs = Enumerable.Range(0, 40).Select(i => $"第{i}段：自签收次日起7天内可申请无理由退货，入口在我的订单。商品需完好，配件齐全！还有问题吗？");
        var document = Document(string.Join("\n\n", paragraphs));
        var settings = new ChunkingSettings { Size = 120, Overlap = 20 };

        var chunks = ChunkSplitter.Split(document, settings);

        Assert.True(chunks.Count > 10, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, settings.Size));
        Assert.All(chunks, c => Assert.Equal(document.Text[c.Start..c.End], c.Text));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i - 1].End - settings.Overlap, chunks[i].Start);
            Assert.EndsWith(chunks[i].Text[..settings.Overlap], chunks[i - 1].Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(document.Text.Length, chunks[^1].End);
    }

    [Fact]
    public void LongChineseParagraphsAreCutAtSentenceEndsBeforeClauses()
    {
        var sentence = "订单实付满九十九元包邮，不满收运费八元。";
        var document = Document(string.Concat(Enumerable.Repeat(sentence, 12)));

        var chunks = ChunkSplitter.Split(document, new ChunkingSettings { Size = 100, Overlap = 0 });

        Assert.All(chunks, c => Assert.EndsWith("。", c.Text, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.Equal(0, c.Text.Length % sentence.Length));
    }

    [Fact]
    public void ASentenceLongerThanTheSizeIsCutAtClausesThenWordsThenCharacters()
    {
        var clauses = string.Join("，", Enumerable.Repeat("满九十九元包邮", 20)) + "。";
        var words = string.Join(" ", Enumerable.Repeat("shipping", 30));
        var letters = new string('x', 130);
        var settings = new ChunkingSettings { Size = 60, Overlap = 0 };

        var byClause = ChunkSplitter.Split(Document(clauses), settings);
        var byWord = ChunkSplitter.Split(Document(words), settings);
        var byCharacter = ChunkSplitter.Split(Document(letters), settings);

        Assert.All(byClause.SkipLast(1), c => Assert.EndsWith("，", c.Text, StringComparison.Ordinal));
        Assert.All(byWord.SkipLast(1), c => Assert.EndsWith(" ", c.Text, StringComparison.Ordinal));
        Assert.Equal([60, 60, 10], byCharacter.Select(c => c.Text.Length));
    }

    [Fact]
    public void NoChunkSplitsASurrogatePair()
    {
        // 59 single units then emoji: a cut at 60 characters would fall between the emoji's two halves.
        var text = new string('a', 59) + string.Concat(Enumerable.Repeat("😀", 40));
        var settings = new ChunkingSettings { Size = 60, Overlap = 7 };

        var chunks = ChunkSplitter.Split(Document(text), settings);

        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c.Text[0]), $"chunk {c.Ordinal} starts inside a pair"));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c.Text[^1]), $"chunk {c.Ordinal} ends inside a pair"));
        Assert.All(chunks, c => Assert.True(Encoding.UTF8.GetByteCount(c.Text) > 0 && c.Text.Normalize() is { Length: > 0 }));
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, settings.Size));
    }

    [Fact]
    public void ChunksCarryTheirHeadingPathAndNeverSpanTwoSections()
    {
        const string text = "前言。\n\n七天无理由。\n\n满99包邮。\n\n一年保修。";
        var document = Document(
            text,
            new DocumentHeading(text.IndexOf('七', StringComparison.Ordinal), 1, "服务政策"),
            new DocumentHeading(text.IndexOf('七', StringComparison.Ordinal), 2, "退货"),
            new DocumentHeading(text.IndexOf('满', StringComparison.Ordinal), 2, "配送"),
            new DocumentHeading(text.IndexOf('一', StringComparison.Ordinal), 1, "保修"));

        var chunks = ChunkSplitter.Split(document, new ChunkingSettings { Size = 400, Overlap = 60 });

        Assert.Equal(["前言。", "七天无理由。", "满99包邮。", "一年保修。"], chunks.Select(c => c.Text.Trim()));
        Assert.Equal(["Doc", "服务政策 › 退货", "服务政策 › 配送", "保修"], chunks.Select(c => c.Title));
        Assert.Equal(["doc.md#0", "doc.md#1", "doc.md#2", "doc.md#3"], chunks.Select(c => c.Id));
    }

    [Fact]
    public void WhitespaceOnlySectionsGiveNoChunks()
    {
        const string text = "正文。\n\n   \n\n";
        var document = Document(text, new DocumentHeading(text.Length - 4, 2, "空的"), new DocumentHeading(text.Length, 2, "也空"));

        var chunks = ChunkSplitter.Split(document, new ChunkingSettings());

        Assert.Equal(["正文。"], chunks.Select(c => c.Text.Trim()));
    }

    [Theory]
    [InlineData(1, 0, "knowledge.chunking.size must be between 50 and 8000")]
    [InlineData(10000, 0, "knowledge.chunking.size must be between 50 and 8000")]
    [InlineData(100, 51, "knowledge.chunking.overlap must be between 0 and half the size (50)")]
    [InlineData(100, -1, "knowledge.chunking.overlap must be between 0 and half the size (50)")]
    public void SettingsOutOfRangeAreRejectedWithTheirName(int size, int overlap, string message)
    {
        var settings = new ChunkingSettings { Size = size, Overlap = overlap };

        var problems = settings.Validate().ToList();
        var error = Assert.Throws<ArgumentException>(() => ChunkSplitter.Split(Document("some text"), settings));

        Assert.Contains(problems, p => p.StartsWith(message, StringComparison.Ordinal));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
