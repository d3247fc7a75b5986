using System.Text;
using System.Text.Json;
using ServiceBot.Testing;

namespace ServiceBot.SensitiveWords.Tests.Cli;

/// <summary><c>servicebot filter</c> run as a real process: what an operator sees when trying a word list.</summary>
public sealed class FilterCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-filter-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PrintsOneRowPerMatch_WithCategoryAndTheSpanAsWrittenOnTheLine()
    {
        var words = Write("words.txt", "敏感\tpolitics\n发票\n");
        var text = Write("text.txt", "开發票吗\n这是敏*感的\n没事\n");

        var (code, output, error) = await ServiceBotCli.RunAsync(["filter", "--words", words, "--category", "fraud", text], TestContext.Current.CancellationToken);

        Assert.True(code == 0, error);
        Assert.Equal(["1\tfraud\t1\t2\t發票\t发票", "2\tpolitics\t2\t3\t敏*感\t敏感"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2 entries from 2 lines", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_PrintsAnObjectForEveryLine_WithOffsetsOnTheOriginalLine()
    {
        var words = Write("words.txt", "敏感\tpolitics\n");
        var allow = Write("allow.txt", "过敏感冒\n");
        var text = Write("text.txt", "说敏 感话\n过敏感冒了\n\n");

        var (code, output, error) = await ServiceBotCli.RunAsync(["filter", "--words", words, "--allow", allow, "--json", text], TestContext.Current.CancellationToken);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var match = Assert.Single(first.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("敏感", match.GetProperty("word").GetString());
        Assert.Equal("politics", match.GetProperty("category").GetString());
        Assert.Equal(1, match.GetProperty("start").GetInt32());
        Assert.Equal(3, match.GetProperty("length").GetInt32());
        foreach (var quiet in lines.Skip(1))
        {
            using var line = JsonDocument.Parse(quiet);
            Assert.Equal(0, line.RootElement.GetProperty("matches").GetArrayLength());
        }
    }

    [Fact]
    public async Task AHundredThousandLineListWithDuplicatesAndBlankLines_CompilesAndSaysWhatItMerged()
    {
        var list = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            list.Append(i % 10 == 0 ? "" : $"词{i % 50_000}").Append('\n');
        }

        var words = Write("big.txt", list.ToString());
        var text = Write("text.txt", "这里有词4242吗\n");

        var (code, output, error) = await ServiceBotCli.RunAsync(["filter", "--words", words, text], TestContext.Current.CancellationToken);

        Assert.True(code == 0, error);
        Assert.Contains("\t词4242\t", output, StringComparison.Ordinal);
        Assert.Contains("10000 blank or comment lines", error, StringComparison.Ordinal);
        Assert.Contains("45000 duplicates", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingListOrTextFile_IsAClearErrorWithExitCode2()
    {
        var words = Write("words.txt", "敏感\n");

        var missingList = await ServiceBotCli.RunAsync(["filter", "--words", Path.Combine(_folder, "nope.txt")], TestContext.Current.CancellationToken);
        var missingText = await ServiceBotCli.RunAsync(["filter", "--words", words, Path.Combine(_folder, "nope.txt")], TestContext.Current.CancellationToken);
        var badCategory = await ServiceBotCli.RunAsync(["filter", "--words", words, "--category", "no spaces"], TestContext.Current.CancellationToken);

        Assert.Equal(2, missingList.Code);
        Assert.Contains("nope.txt: the word list does not exist", missingList.Error, StringComparison.Ordinal);
        Assert.Equal(2, missingText.Code);
        Assert.Contains("nope.txt: no such file", missingText.Error, StringComparison.Ordinal);
        Assert.Equal(2, badCategory.Code);
        Assert.Contains("not a category name", badCategory.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
