using System.Text;
using System.Text.Json;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Nlu;

/// <summary><c>servicebot eval intents</c> run as a real process on small files in each supported format.</summary>
public sealed class EvalIntentsCommandTests : IDisposable
{
    private static readonly (string Label, string[] Texts)[] Intents =
    [
        ("refund", ["where is my refund", "refund status please", "has my refund gone through", "I want my money back", "refund not received", "when do I get my refund"]),
        ("track", ["where is my parcel", "track my package", "when will my parcel arrive", "delivery status", "package not delivered yet", "track the delivery"]),
        ("card", ["my card was declined", "card payment failed", "why was my card refused", "card not working", "payment declined", "the card got rejected"]),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-eval-intents-").FullName;

    [Fact]
    public async Task Clinc150JsonReportsInScopeAndOutOfScopeNumbers()
    {
        var train = Intents.SelectMany(i => i.Texts.Take(5).Select(t => new[] { t, i.Label }));
        var val = Intents.Select(i => new[] { i.Texts[5], i.Label });
        var file = Write("data_small.json", JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["train"] = train,
            ["oos_train"] = new[] { new[] { "what is the weather like", "oos" }, new[] { "tell me a joke", "oos" } },
            ["val"] = val,
            ["oos_val"] = new[] { new[] { "who won the football game", "oos" } },
        }));

        var (code, output, error) = await RunAsync("--train", file, "--format", "clinc150", "--json");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal(4, root.GetProperty("test_size").GetInt32());
        foreach (var key in new[] { "accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision", "train_seconds" })
        {
            Assert.InRange(root.GetProperty(key).GetDouble(), 0, key == "train_seconds" ? 60 : 1);
        }

        Assert.True(root.GetProperty("in_scope_accuracy").GetDouble() >= 2.0 / 3, output);
    }

    [Fact]
    public async Task Banking77CsvHasNoOutOfScopeNumbers()
    {
        var csv = new StringBuilder("text,category\n");
        foreach (var (label, texts) in Intents)
        {
            foreach (var text in texts)
            {
                csv.Append('"').Append(text).Append("\",").Append(label).Append('\n');
            }
        }

        var file = Write("train.csv", csv.ToString());

        var (code, output, error) = await RunAsync("--train", file, "--test", file, "--json");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        Assert.Equal("banking77", report.RootElement.GetProperty("format").GetString());
        Assert.True(report.RootElement.GetProperty("accuracy").GetDouble() >= 0.9, output);
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("oos_recall").ValueKind);
    }

    [Fact]
    public async Task Smp2019ReportsIntentAndSlotNumbers()
    {
        var data = new StringBuilder();
        void Add(string text, string tags, string intent)
        {
            for (var i = 0; i < text.Length; i++)
            {
                data.Append(text[i]).Append('\t').Append(tags.Split(' ')[i]).Append('\n');
            }

            data.Append(intent).Append("\n\n");
        }

        Add("我要听稻香", "O O O B-song E-song", "PLAY");
        Add("播放稻香", "O O B-song E-song", "PLAY");
        Add("上海到北京的航班", "B-city E-city O B-city E-city O O O", "QUERY");
        Add("北京到上海的航班", "B-city E-city O B-city E-city O O O", "QUERY");
        var file = Write("smp.txt", data.ToString());

        var (code, output, error) = await RunAsync("--train", file, "--test", file, "--format", "smp2019", "--json");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(1.0, report.RootElement.GetProperty("slot_f1").GetDouble());
        Assert.Equal(4, report.RootElement.GetProperty("test_size").GetInt32());
    }

    [Fact]
    public async Task AMissingOrMalformedFileIsAClearErrorWithExitCode2()
    {
        var missing = await RunAsync("--train", Path.Combine(_folder, "nope.json"));
        var malformed = await RunAsync("--train", Write("broken.json", "{ \"train\": [ "), "--format", "clinc150");

        Assert.Equal(2, missing.Code);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, malformed.Code);
        Assert.Contains("cannot read clinc150 data", malformed.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        ServiceBotCli.RunAsync(["eval", "intents", .. args], TestContext.Current.CancellationToken);
}
