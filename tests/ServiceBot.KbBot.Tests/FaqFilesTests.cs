using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Formats;

namespace ServiceBot.KbBot.Tests;

public sealed class FaqFilesTests
{
    private static FaqEntry Rich() => new()
    {
        Id = "returns-how",
        StandardQuestion = "怎么退货？",
        SimilarQuestions = ["我想退货, 怎么操作", "退货流程是什么 \"急\""],
        Answer = new RichAnswer
        {
            Text = "打开 **我的订单**，7天无理由。\n[退货入口](https://luming-mall.example/returns)",
            Format = "markdown",
            Buttons = [new AnswerButton { Title = "申请退货", Value = "我要退货" }, new AnswerButton { Title = "退货政策", Type = "openUrl", Value = "https://luming-mall.example/policy" }],
        },
        Category = "returns",
        Tags = ["退货", "售后"],
        ChannelAnswers = new(StringComparer.Ordinal) { ["slack"] = RichAnswer.Plain("退货入口：https://luming-mall.example/returns") },
        Locale = "zh-CN",
        Enabled = false,
        ValidFrom = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ValidTo = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static async Task<FaqReadResult> Read(string text, FaqFileFormat format, FaqReadOptions? options = null) =>
        await FaqFiles.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, "test", options, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(FaqFileFormat.Json)]
    [InlineData(FaqFileFormat.Jsonl)]
    [InlineData(FaqFileFormat.Csv)]
    [InlineData(FaqFileFormat.Xlsx)]
    public async Task ExportedFilesImportBackUnchanged(FaqFileFormat format)
    {
        var original = new List<FaqEntry> { Rich(), TestKb.Faq("refunds-time", "退款多久到账？", "1-3个工作日。", "钱什么时候退回来") };
        using var file = new MemoryStream();
        await FaqFiles.WriteAsync(file, original, format, TestContext.Current.CancellationToken);
        file.Position = 0;

        var read = await FaqFiles.ReadAsync(file, format, "roundtrip", null, TestContext.Current.CancellationToken);

        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        Assert.Equal(2, read.Entries.Count);
        var e = read.Entries[0];
        var o = original[0];
        Assert.Equal(o.Id, e.Id);
        Assert.Equal(o.StandardQuestion, e.StandardQuestion);
        Assert.Equal(o.SimilarQuestions, e.SimilarQuestions);
        Assert.Equal(o.Answer.Text, e.Answer.Text);
        Assert.Equal("markdown", e.Answer.Format);
        Assert.Equal(["申请退货", "退货政策"], e.Answer.Buttons.Select(b => b.Title), StringComparer.Ordinal);
        Assert.Equal("openUrl", e.Answer.Buttons[1].Type);
        Assert.Equal("我要退货", e.Answer.Buttons[0].Value);
        Assert.Equal(o.Tags, e.Tags);
        Assert.Equal(o.Category, e.Category);
        Assert.Equal(o.Locale, e.Locale);
        Assert.False(e.Enabled);
        Assert.Equal(o.ValidFrom, e.ValidFrom);
        Assert.Equal(o.ValidTo, e.ValidTo);
        Assert.Equal("退货入口：https://luming-mall.example/returns", e.ChannelAnswers["slack"].Text);
    }

    [Fact]
    public async Task ReadsTheFaqZhBqJsonlShape()
    {
        var read = await Read(
            """
            {"faq_id": "BQ0000", "standard_question": "换手机号", "similar_questions": ["以前手机号换了怎么办", "变更电话号码"]}
            {"faq_id": "BQ0001", "standard_question": "怎么取消微粒贷", "similar_questions": []}
            """,
            FaqFileFormat.Jsonl,
            new FaqReadOptions { AllowEmptyAnswers = true });

        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        Assert.Equal(["BQ0000", "BQ0001"], read.Entries.Select(e => e.Id), StringComparer.Ordinal);
        Assert.Equal(["以前手机号换了怎么办", "变更电话号码"], read.Entries[0].SimilarQuestions);
    }

    [Fact]
    public async Task ReportsDuplicateIdsWithBothPlaces()
    {
        var read = await Read(
            """
            [{"id": "a", "standardQuestion": "怎么退货", "answer": "x"},
             {"id": "a", "standardQuestion": "怎么换货", "answer": "y"}]
            """,
            FaqFileFormat.Json);

        var error = Assert.Single(read.Issues, i => i.Severity == FaqIssueSeverity.Error);
        Assert.Contains("duplicate id", error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 2 (line 2)", error.Location, StringComparison.Ordinal);
        Assert.Contains("entry 1 (line 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsAQuestionThatLeadsToTwoEntries()
    {
        var read = await Read(
            """
            {"id": "a", "standardQuestion": "怎么退货", "similarQuestions": ["退款多久"], "answer": "x"}
            {"id": "b", "standardQuestion": "退款多久", "answer": "y"}
            """,
            FaqFileFormat.Jsonl);

        Assert.Contains(read.Issues, i => i.Severity == FaqIssueSeverity.Error && i.EntryId == "b" && i.Message.Contains("also a question of a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsEmptyAnswersUnlessAllowed()
    {
        const string Text = """{"id": "a", "standardQuestion": "怎么退货"}""";
        Assert.Contains((await Read(Text, FaqFileFormat.Jsonl)).Issues, i => i.Message.Contains("answer is empty", StringComparison.Ordinal));
        Assert.False((await Read(Text, FaqFileFormat.Jsonl, new FaqReadOptions { AllowEmptyAnswers = true })).HasErrors);
    }

    [Fact]
    public async Task DropsRepeatedSimilarQuestionsWithAWarning()
    {
        var read = await Read("""{"id": "a", "standardQuestion": "怎么退货", "similarQuestions": ["退货流程", "退货流程", "怎么退货"], "answer": "x"}""", FaqFileFormat.Jsonl);

        Assert.False(read.HasErrors);
        Assert.Equal(2, read.WarningCount);
        Assert.Equal(["退货流程"], read.Entries[0].SimilarQuestions);
    }

    [Fact]
    public async Task ReportsMalformedJsonWithItsLine()
    {
        var read = await Read("[\n{\"id\": \"a\", \"standardQuestion\": \"q\", \"answer\": \"x\"},\n{\"id\": \"b\", \"standardQuestion\": }\n]", FaqFileFormat.Json);

        Assert.Contains(read.Issues, i => i.Severity == FaqIssueSeverity.Error && i.Location.Contains("line 3", StringComparison.Ordinal) && i.Message.StartsWith("invalid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsEachBadJsonlLineAndKeepsCounting()
    {
        var read = await Read(
            """
            {"id": "a", "standardQuestion": "q1", "answer": "x"}
            {not json}
            {"id": "", "standardQuestion": "q3", "answer": "x"}
            {"id": "d", "standardQuestion": "q4", "answer": 5}
            """,
            FaqFileFormat.Jsonl);

        Assert.Equal(3, read.ErrorCount);
        Assert.Contains(read.Issues, i => i.Location.EndsWith("line 2", StringComparison.Ordinal));
        Assert.Contains(read.Issues, i => i.Location.EndsWith("line 3", StringComparison.Ordinal) && i.Message.Contains("id is empty", StringComparison.Ordinal));
        Assert.Contains(read.Issues, i => i.Location.EndsWith("line 4", StringComparison.Ordinal) && i.Message.Contains("answer must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsCsvRowsWithTheirLineNumbers()
    {
        var read = await Read(
            "id,standard_question,similar_questions,answer,enabled\n" +
            "a,怎么退货,\"退货流程\n如何退货\",7天无理由,true\n" +
            "b,怎么换货,,15天,maybe\n" +
            "c,运费,,满99包邮,true,extra\n",
            FaqFileFormat.Csv);

        Assert.Equal(["a"], read.Entries.Select(e => e.Id), StringComparer.Ordinal);
        Assert.Equal(["退货流程", "如何退货"], read.Entries[0].SimilarQuestions);
        Assert.Contains(read.Issues, i => i.Location.EndsWith("row 4", StringComparison.Ordinal) && i.Message.Contains("enabled 'maybe'", StringComparison.Ordinal));
        Assert.Contains(read.Issues, i => i.Location.EndsWith("row 5", StringComparison.Ordinal) && i.Message.Contains("unquoted comma", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcceptsChineseCsvHeaders()
    {
        var read = await Read("编号,标准问题,相似问题,答案,分类\na,怎么退货,退货流程|如何退货,7天无理由,returns\n", FaqFileFormat.Csv);

        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        Assert.Equal("returns", read.Entries[0].Category);
        Assert.Equal(2, read.Entries[0].SimilarQuestions.Count);
    }

    [Fact]
    public async Task ReportsAMissingRequiredColumnAndAnUnclosedQuote()
    {
        Assert.Contains((await Read("id,answer\na,x\n", FaqFileFormat.Csv)).Issues, i => i.Message.Contains("'standard_question' is missing", StringComparison.Ordinal));
        Assert.Contains((await Read("id,standard_question,answer\na,\"never closed,x\n", FaqFileFormat.Csv)).Issues, i => i.Message.Contains("never closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsAnUnreadableWorkbook()
    {
        var read = await Read("this is not a zip file", FaqFileFormat.Xlsx);

        Assert.Contains(read.Issues, i => i.Message.Contains("not a readable xlsx workbook", StringComparison.Ordinal));
        Assert.Empty(read.Entries);
    }

    [Fact]
    public async Task RefusesAFileOverTheSizeLimitBeforeParsing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, new string(' ', 4096), TestContext.Current.CancellationToken);
        try
        {
            var read = await FaqFiles.ReadAsync(path, new FaqReadOptions { MaxBytes = 1024 }, TestContext.Current.CancellationToken);

            var error = Assert.Single(read.Issues);
            Assert.Contains("import limit", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReportsAnUnknownExtensionAndAMissingFile()
    {
        Assert.Contains("unknown FAQ file type", (await FaqFiles.ReadAsync("faq.txt", null, TestContext.Current.CancellationToken)).Issues[0].Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await FaqFiles.ReadAsync("/nonexistent/faq.json", null, TestContext.Current.CancellationToken)).Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsTheSampleShopFaqWithoutErrors()
    {
        var path = Path.Combine(ServiceBot.Testing.SharedData.RepositoryRoot, "knowledge", "shop", "faq.json");
        var read = await FaqFiles.ReadAsync(path, null, TestContext.Current.CancellationToken);

        Assert.False(read.HasErrors, string.Join("\n", read.Issues.Take(5)));
        Assert.True(read.Entries.Count >= 260);
    }

    [Fact]
    public async Task ReportsMalformedWorkbookRowsWithTheirRowNumbersAndKeepsTheGoodOnes()
    {
        using var workbook = Workbook(
            ["id", "standard_question", "similar_questions", "answer", "enabled", "valid_from"],
            ["a", "怎么退货", "退货流程", "7天无理由", "true", ""],
            ["b", "", "", "15天", "true", ""],
            ["c", "运费怎么算", "", "满99包邮", "maybe", ""],
            ["d", "多久发货", "", "48小时内", "true", "next tuesday"],
            ["a", "怎么换货", "", "15天内", "true", ""]);

        var read = await FaqFiles.ReadAsync(workbook, FaqFileFormat.Xlsx, "kb.xlsx", null, TestContext.Current.CancellationToken);

        Assert.True(read.HasErrors);
        Assert.Contains(read.Issues, i => i.Severity == FaqIssueSeverity.Error && i.Location.EndsWith("row 3", StringComparison.Ordinal));
        Assert.Contains(read.Issues, i => i.Severity == FaqIssueSeverity.Error && i.Location.EndsWith("row 4", StringComparison.Ordinal) && i.Message.Contains("enabled 'maybe'", StringComparison.Ordinal));
        Assert.Contains(read.Issues, i => i.Severity == FaqIssueSeverity.Error && i.Location.EndsWith("row 5", StringComparison.Ordinal));
        var duplicate = Assert.Single(read.Issues, i => i.Message.Contains("duplicate id", StringComparison.Ordinal));
        Assert.Contains("row 6", duplicate.Location, StringComparison.Ordinal);
        Assert.Contains("row 2", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsDuplicateCsvIdsWithBothRows()
    {
        var read = await Read("id,standard_question,answer\na,怎么退货,7天无理由\nb,怎么换货,15天\na,运费怎么算,满99包邮\n", FaqFileFormat.Csv);

        var error = Assert.Single(read.Issues, i => i.Severity == FaqIssueSeverity.Error);
        Assert.Contains("duplicate id", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 4", error.Location, StringComparison.Ordinal);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A workbook written cell by cell (inline strings), so rows can hold what an export never would.</summary>
    private static MemoryStream Workbook(params string[][] rows)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook();
            var sheet = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    row.Append(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(rows[r][c])),
                    });
                }

                data.Append(row);
            }

            sheet.Worksheet = new Worksheet(data);
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheet), SheetId = 1, Name = "FAQ" }));
        }

        stream.Position = 0;
        return stream;
    }
}
