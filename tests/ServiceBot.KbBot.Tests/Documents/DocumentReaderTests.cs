using System.Text;
using ServiceBot.KbBot.Documents;

namespace ServiceBot.KbBot.Tests.Documents;

/// <summary>The Markdown, HTML, plain-text and Word readers, and their errors for bad files.</summary>
public sealed class DocumentReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kbbot-docs-" + Guid.NewGuid().ToString("N")[..10]);

    public DocumentReaderTests() => Directory.CreateDirectory(_folder);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not change the result.
        }
    }

    [Fact]
    public async Task MarkdownHeadingsBecomeTheHeadingPathAndMarkupIsDropped()
    {
        var path = await WriteAsync("shipping.md", """
            # 配送政策

            本政策适用于**全部**订单。

            ## 运费

            - 满¥99包邮
            - 详见[运费说明](https://luming-mall.example/shipping)

            | 地区 | 运费 |
            |---|---|
            | 新疆 | ¥18 |
            """);

        var document = await DocumentFiles.ReadAsync(path, "shipping.md", DocumentFiles.DefaultMaxBytes, Ct);

        Assert.Equal("配送政策", document.Title);
        Assert.Equal("markdown", document.Format);
        Assert.Equal([(1, "配送政策"), (2, "运费")], document.Headings.Select(h => (h.Level, h.Title)));
        Assert.Equal("本政策适用于全部订单。", Section(document, 0));
        Assert.Equal("- 满¥99包邮\n- 详见运费说明 (https://luming-mall.example/shipping)\n\n地区 | 运费\n新疆 | ¥18", Section(document, 1));
        Assert.DoesNotContain("#", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlKeepsVisibleTextAndHeadingsAndDropsScriptsAndStyles()
    {
        var path = await WriteAsync("warranty.html", """
            <!DOCTYPE html>
            <html><head><title>Warranty</title><style>p { color: red }</style></head>
            <body>
              <script>var secret = "do not index";</script>
              <h1>Warranty policy</h1>
              <p>Phones &amp; laptops: <b>1&nbsp;year</b>.</p>
              <h2>How to claim</h2>
              <ul><li>Open My Orders</li><li>Choose &lt;After-sales&gt;</li></ul>
              <table><tr><th>Item</th><th>Term</th></tr><tr><td>Earbuds</td><td>6 months</td></tr></table>
              <noscript>enable scripts</noscript>
            </body></html>
            """);

        var document = await DocumentFiles.ReadAsync(path, "warranty.html", DocumentFiles.DefaultMaxBytes, Ct);

        Assert.Equal("Warranty policy", document.Title);
        Assert.Equal([(1, "Warranty policy"), (2, "How to claim")], document.Headings.Select(h => (h.Level, h.Title)));
        Assert.Equal("Phones & laptops: 1 year.", Section(document, 0));
        Assert.Equal("- Open My Orders\n- Choose <After-sales>\n\nItem | Term\nEarbuds | 6 months", Section(document, 1));
        Assert.DoesNotContain("secret", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("enable scripts", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainTextIsKeptAsItIsAndTitledByItsFileName()
    {
        var path = await WriteAsync("hours.txt", "客服时间：每天9:00–22:00。\r\n\r\n节假日照常。\r\n");

        var document = await DocumentFiles.ReadAsync(path, "hours.txt", DocumentFiles.DefaultMaxBytes, Ct);

        Assert.Equal("hours", document.Title);
        Assert.Equal("客服时间：每天9:00–22:00。\n\n节假日照常。", document.Text);
        Assert.Empty(document.Headings);
    }

    [Fact]
    public async Task DocxHeadingStylesAndTablesAreRead()
    {
        var path = Path.Combine(_folder, "gift.docx");
        TestDocx.Write(
            path,
            TestDocx.Heading("1", "礼品服务") +
            TestDocx.Paragraph("下单时可选择", "礼品包装", "。") +
            TestDocx.Heading("Heading2", "包装价格") +
            TestDocx.Table(["类型", "价格"], ["礼盒", "¥5"]) +
            TestDocx.Heading("a3", "贺卡"),
            new Dictionary<string, string> { ["1"] = "heading 1", ["a3"] = "标题 2" });

        var document = await DocumentFiles.ReadAsync(path, "gift.docx", DocumentFiles.DefaultMaxBytes, Ct);

        Assert.Equal("礼品服务", document.Title);
        Assert.Equal("docx", document.Format);
        Assert.Equal([(1, "礼品服务"), (2, "包装价格"), (2, "贺卡")], document.Headings.Select(h => (h.Level, h.Title)));
        Assert.Equal("下单时可选择礼品包装。", Section(document, 0));
        Assert.Equal("类型 | 价格\n礼盒 | ¥5", Section(document, 1));
    }

    [Theory]
    [InlineData("notes.pdf", "is not a document format")]
    [InlineData("missing.md", "does not exist")]
    public async Task AFileThatIsNotAReadableDocumentIsAnErrorNamingIt(string name, string reason)
    {
        var path = Path.Combine(_folder, name);
        if (name.EndsWith(".pdf", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(path, "%PDF-1.4", Ct);
        }

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(path, name, DocumentFiles.DefaultMaxBytes, Ct));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorruptDocxIsAnErrorSayingTheZipIsCorrupt()
    {
        var path = Path.Combine(_folder, "broken.docx");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a zip"), Ct);

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(path, "broken.docx", DocumentFiles.DefaultMaxBytes, Ct));

        Assert.Contains("not a valid .docx package (corrupt zip", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public async Task AZipWithoutWordDocumentXmlIsNotAWordDocument()
    {
        var path = Path.Combine(_folder, "other.docx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(path, "other.docx", DocumentFiles.DefaultMaxBytes, Ct));

        Assert.Contains("no word/document.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWithItsSize()
    {
        var path = await WriteAsync("big.txt", new string('字', 2000));

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(path, "big.txt", 1024, Ct));

        Assert.Contains("6000 bytes, more than the 1024 accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextThatIsNotUtf8OrEmptyIsRefused()
    {
        var latin1 = Path.Combine(_folder, "latin1.txt");
        await File.WriteAllBytesAsync(latin1, [0x63, 0x61, 0x66, 0xE9, 0x20, 0x21], Ct);
        var empty = await WriteAsync("empty.md", "#  \n\n   \n");

        var notUtf8 = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(latin1, "latin1.txt", DocumentFiles.DefaultMaxBytes, Ct));
        var noText = await Assert.ThrowsAsync<DocumentReadException>(() => DocumentFiles.ReadAsync(empty, "empty.md", DocumentFiles.DefaultMaxBytes, Ct));

        Assert.Contains("not UTF-8", notUtf8.Message, StringComparison.Ordinal);
        Assert.Contains("holds no text", noText.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderIsReadRecursivelyWithRelativeIdsAndSkipsOtherFiles()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "policies"));
        await WriteAsync("a.md", "# A\n\ntext a");
        await WriteAsync("policies/b.txt", "text b");
        await WriteAsync("image.png", "not a document");
        await WriteAsync(".hidden.md", "# hidden");

        var result = await DocumentFiles.ReadAllAsync([_folder], DocumentFiles.DefaultMaxBytes, Ct);

        Assert.False(result.HasErrors);
        Assert.Equal(["a.md", "policies/b.txt"], result.Documents.Select(d => d.Id));
        Assert.Equal([Path.Combine(_folder, "image.png")], result.Skipped);
    }

    private static string Section(ServiceBot.Abstractions.Knowledge.KnowledgeDocument document, int index)
    {
        var starts = new List<int> { 0 };
        starts.AddRange(document.Headings.Select(h => h.Offset));
        starts.Add(document.Text.Length);
        var distinct = starts.Distinct().ToList();
        return document.Text[distinct[index]..distinct[index + 1]].Trim();
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content, Ct);
        return path;
    }
}
