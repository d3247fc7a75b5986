using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.TestLlm;

/// <summary>
/// What the test model server does, as data: chat rules tried in order (the first that matches
/// answers), entailment rules for <c>/predict</c>, and the embedding and rerank behaviour. Loaded from YAML or JSON with the same keys.
/// </summary>
/// <remarks>
/// A request no rule matches gets a <see cref="TestLlmReplyMode.Grounded"/> reply, so a server
/// started without a script behaves like a well-behaved model. Swap the script on a running server
/// with <see cref="TestLlmServer.Script"/>.
/// </remarks>
public sealed class TestLlmScript
{
    /// <summary>The model id the server reports.</summary>
    public string Model { get; set; } = "servicebot-test";

    public List<TestLlmRule> Rules { get; set; } = [];

    public List<TestLlmNliRule> Nli { get; set; } = [];

    /// <summary>The <c>/v1/embeddings</c> behaviour.</summary>
    public TestLlmEmbeddings Embeddings { get; set; } = new();

    /// <summary>The <c>/rerank</c> behaviour.</summary>
    public TestLlmRerank Rerank { get; set; } = new();

    /// <summary>A script with one rule.</summary>
    public static TestLlmScript With(params TestLlmRule[] rules) => new() { Rules = [.. rules] };

    /// <summary>Reads a script file (YAML or JSON).</summary>
    /// <exception cref="BotDefinitionException">The file is missing, malformed or does not fit the script shape; the message names file and line.</exception>
    public static TestLlmScript Load(string path) => YamlContent.Load(path).Bind<TestLlmScript>();

    /// <summary>Parses script text (YAML or JSON).</summary>
    /// <exception cref="BotDefinitionException">The text does not fit the script shape.</exception>
    public static TestLlmScript Parse(string text, string name = "script") => YamlContent.Parse(text, name).Bind<TestLlmScript>();
}
