using ServiceBot.KbBot.Formats;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests;

/// <summary><c>servicebot import</c> / <c>export</c> run as real processes against a temporary data folder.</summary>
public sealed class ImportExportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "kbbot-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public ImportExportCommandTests() => Directory.CreateDirectory(_data);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not change the result.
        }
    }

    [Fact]
    public async Task ImportsAFileAndExportsTheSameEntriesInAnotherFormat()
    {
        var csv = Path.Combine(_data, "kb.csv");
        await File.WriteAllTextAsync(csv, "id,standard_question,similar_questions,answer\nreturns-how,怎么退货？,\"我想退货\n如何退货\",在我的订单里申请退货。\nrefund-time,退款多久到账？,钱什么时候退回来,1-3个工作日。\n", TestContext.Current.CancellationToken);

        var import = await RunAsync("import", csv, "--bot", "shop");
        var json = Path.Combine(_data, "out.json");
        var export = await RunAsync("export", json, "--bot", "shop");

        Assert.True(import.Code == 0, import.Error);
        Assert.Contains("2 added", import.Output, StringComparison.Ordinal);
        Assert.True(export.Code == 0, export.Error);
        var exported = await FaqFiles.ReadAsync(json, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(exported.HasErrors);
        Assert.Equal(["refund-time", "returns-how"], exported.Entries.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["我想退货", "如何退货"], exported.Entries.Single(e => e.Id == "returns-how").SimilarQuestions);
    }

    [Fact]
    public async Task AFileWithAnErrorIsReportedWithExitCode2AndNothingIsImported()
    {
        var good = Path.Combine(_data, "good.json");
        await File.WriteAllTextAsync(good, """[{"id":"a","standardQuestion":"怎么退货？","answer":{"text":"申请售后。"}}]""", TestContext.Current.CancellationToken);
        var bad = Path.Combine(_data, "bad.json");
        await File.WriteAllTextAsync(bad, """[{"id":"b","standardQuestion":"怎么换货？","answer":{"text":"申请换货。"}},{"id":"c","standardQuestion":"","answer":{"text":"x"}}]""", TestContext.Current.CancellationToken);

        Assert.Equal(0, (await RunAsync("import", good)).Code);
        var failed = await RunAsync("import", bad, "--mode", "replace");
        var export = Path.Combine(_data, "after.json");
        await RunAsync("export", export);

        Assert.Equal(2, failed.Code);
        Assert.Contains("(c)", failed.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);
        var after = await FaqFiles.ReadAsync(export, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a"], after.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task ImportsDocumentsAndABadDocumentImportsNothingOfItsBatch()
    {
        var ct = TestContext.Current.CancellationToken;
        var gift = Path.Combine(_data, "gift.md");
        await File.WriteAllTextAsync(gift, "# 礼品服务\n\n## 礼品包装\n\n每件加收5元。\n", ct);
        var hours = Path.Combine(_data, "hours.txt");
        await File.WriteAllTextAsync(hours, "客服时间：每天9:00–22:00。", ct);
        var broken = Path.Combine(_data, "broken.docx");
        await File.WriteAllTextAsync(broken, "not a zip", ct);

        var byExtension = await RunAsync("import", gift, "--bot", "shop");
        var failed = await RunAsync("import", "docs", hours, broken, "--bot", "shop");
        var replaced = await RunAsync("import", "docs", gift, "--bot", "shop", "--mode", "replace");

        Assert.True(byExtension.Code == 0, byExtension.Error);
        Assert.Contains("1 added", byExtension.Output, StringComparison.Ordinal);
        Assert.Equal(2, failed.Code);
        Assert.Contains(broken + ": the file is not a valid .docx package", failed.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);

        // hours.txt read fine but shared its batch with the broken file, so it was never stored: replace deletes nothing.
        Assert.True(replaced.Code == 0, replaced.Error);
        Assert.Contains("0 added, 0 updated, 1 unchanged, 0 deleted", replaced.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import", "missing.json", "does not exist")]
    [InlineData("import", "kb.txt", "unknown FAQ file type")]
    [InlineData("export", "kb.txt", "unknown FAQ file type")]
    public async Task BadArgumentsGiveAOneLineErrorAndExitCode2(string command, string file, string message)
    {
        var result = await RunAsync(command, Path.Combine(_data, file));

        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalKbWithAMissingQueryFileIsAOneLineErrorWithExitCode2()
    {
        var result = await RunAsync("eval", "kb", "--queries", Path.Combine(_data, "missing.jsonl"));

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownBotIsAnErrorNamingTheBotsThereAre()
    {
        var result = await RunAsync("export", Path.Combine(_data, "x.json"), "--bot", "nope");

        Assert.Equal(2, result.Code);
        Assert.Contains("no bot 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("shop", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFiftyMegabyteFileIsRefusedWithTheLimitAndTheStoreIsUnchanged()
    {
        var good = Path.Combine(_data, "good.json");
        await File.WriteAllTextAsync(good, """[{"id":"a","standardQuestion":"怎么退货？","answer":{"text":"申请售后。"}}]""", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync("import", good)).Code);
        var big = Path.Combine(_data, "big.jsonl");
        await using (var writer = new StreamWriter(big))
        {
            for (var i = 0; writer.BaseStream.Length < 50L * 1024 * 1024; i++)
            {
                await writer.WriteLineAsync($$$"""{"id":"bulk-{{{i}}}","standardQuestion":"第{{{i}}}个问题怎么处理？{{{new string('问', 400)}}}","answer":{"text":"答案{{{i}}}"}}""");
            }
        }

        var failed = await RunAsync("import", big, "--mode", "replace");
        var export = Path.Combine(_data, "after.json");
        await RunAsync("export", export);

        Assert.Equal(2, failed.Code);
        Assert.Contains("the file is 50.0 MB; the import limit is 32.0 MB (ServiceBot:KbBot:MaxImportBytes)", failed.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);
        var after = await FaqFiles.ReadAsync(export, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a"], after.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task TheImportLimitIsTheConfiguredOne()
    {
        var file = Path.Combine(_data, "kb.json");
        await File.WriteAllTextAsync(file, "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => $$$"""{"id":"e{{{i}}}","standardQuestion":"问题{{{i}}}","answer":{"text":"答案"}}""")) + "]", TestContext.Current.CancellationToken);

        var result = await RunAsync("import", file, "--ServiceBot:KbBot:MaxImportBytes=1024");

        Assert.Equal(2, result.Code);
        Assert.Contains("the import limit is 1.0 KB (ServiceBot:KbBot:MaxImportBytes)", result.Error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        ServiceBotCli.RunAsync([.. args, "--ServiceBot:DataDirectory=" + _data], TestContext.Current.CancellationToken);
}
