using System.Text.Json;
using Json.Schema;
using ServiceBot.Content;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Dialogs;

/// <summary>
/// The JSON schemas editors use for dialog files (<c>dialogs/*.schema.json</c>) accept the sample
/// bot's dialogs and types and reject what the loader rejects, so schema and loader stay in step.
/// </summary>
public sealed class DialogSchemaTests
{
    private static readonly string Dialogs = Path.Combine(SharedData.RepositoryRoot, "dialogs");

    // A schema registers its $id globally when built, so each is built once.
    private static readonly JsonSchema DialogSchema = JsonSchema.FromFile(Path.Combine(Dialogs, "dialog.schema.json"));
    private static readonly JsonSchema TypesSchema = JsonSchema.FromFile(Path.Combine(Dialogs, "types.schema.json"));

    public static TheoryData<string> DialogFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Dialogs, "shop"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name != "types.yaml" && !name.EndsWith(".test.yaml", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DialogFiles))]
    public void SampleDialogFollowsTheSchema(string file) =>
        AssertValid(DialogSchema, Path.Combine(Dialogs, "shop", file));

    [Fact]
    public void SampleTypesFollowTheSchema() =>
        AssertValid(TypesSchema, Path.Combine(Dialogs, "shop", "types.yaml"));

    [Fact]
    public void TheSchemaRejectsAMisspeltKeyAndAMissingCompletion()
    {
        var schema = DialogSchema;

        Assert.False(Evaluate(schema, "id: a\nslots: [ { name: x, type: text, promt: hi } ]\ncomplete: { replies: [ { text: ok } ] }").IsValid);
        Assert.False(Evaluate(schema, "id: a\nslots: []").IsValid);
        Assert.True(Evaluate(schema, "id: a\nslots: [ { name: x, type: text, prompt: hi } ]\ncomplete: { replies: [ { text: ok } ] }").IsValid);
    }

    private static void AssertValid(JsonSchema schema, string path)
    {
        var result = Evaluate(schema, File.ReadAllText(path));
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{path} does not follow the schema: {string.Join("; ", errors)}");
    }

    private static EvaluationResults Evaluate(JsonSchema schema, string yaml)
    {
        using var document = JsonDocument.Parse(YamlContent.Parse(yaml, "test.yaml").Root!.ToJsonString());
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }
}
