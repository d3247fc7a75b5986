using System.ComponentModel.DataAnnotations;

namespace ServiceBot.KbBot.Reranking;

/// <summary>
/// The remote cross-encoder under <c>ServiceBot:Reranker</c> (e.g. bge-reranker behind text-embeddings-inference,
/// Jina, Cohere or Xinference). Without <see cref="Endpoint"/> the local learned reranker's order is final.
/// </summary>
internal sealed class CrossEncoderOptions : IValidatableObject
{
    public const string Section = "ServiceBot:Reranker";

    /// <summary>
    /// The server's root (TEI: <c>http://gpu-1:8080</c>) or OpenAI-style base (Jina/Cohere/Xinference:
    /// <c>https://api.jina.ai/v1</c>); requests go to <c>{Endpoint}/rerank</c>, or to the address itself when it ends in <c>/rerank</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The wire shape: <c>tei</c> (<c>{query, texts}</c> → <c>[{index, score}]</c>) or <c>cohere</c> (<c>{model, query, documents, top_n}</c> → <c>{results: [{index, relevance_score}]}</c>, also Jina's and Xinference's).</summary>
    [RegularExpression("^(tei|cohere)$", ErrorMessage = "ServiceBot:Reranker:Protocol must be tei or cohere.")]
    public string Protocol { get; set; } = "tei";

    /// <summary>The model id; required by the <c>cohere</c> protocol, ignored by TEI (one model per server).</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key sent as <c>Authorization: Bearer …</c>; none is sent when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Budget of one call; a slower answer leaves the local order in place for that turn.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How many of the local reranker's best candidates the cross-encoder reorders.</summary>
    [Range(2, 100)]
    public int TopN { get; set; } = 10;

    public bool IsConfigured => Endpoint is not null;

    /// <summary>The address requests are posted to (a method: options validation reads every property).</summary>
    /// <exception cref="InvalidOperationException">No endpoint is configured.</exception>
    public Uri RerankUri() => Endpoint is null
        ? throw new InvalidOperationException($"{Section}:Endpoint is not set.")
        : Endpoint.AbsolutePath.TrimEnd('/').EndsWith("/rerank", StringComparison.Ordinal)
            ? Endpoint
            : new Uri(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/"), "rerank");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is null)
        {
            yield break;
        }

        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"{Section}:Endpoint must be an absolute http(s) address, not '{Endpoint}'.", [nameof(Endpoint)]);
        }

        if (Protocol == "cohere" && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"{Section}:Model is required with Protocol 'cohere'.", [nameof(Model)]);
        }
    }
}
