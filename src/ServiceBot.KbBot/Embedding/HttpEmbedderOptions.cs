using System.ComponentModel.DataAnnotations;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The remote embedder under <c>ServiceBot:Embedder</c>: any server with OpenAI's <c>POST /v1/embeddings</c>
/// (vLLM, text-embeddings-inference, Xinference, Ollama). Without <see cref="Endpoint"/> the KB uses the
/// local embedder (or none).
/// </summary>
internal sealed class HttpEmbedderOptions : IValidatableObject
{
    public const string Section = "ServiceBot:Embedder";

    /// <summary>The server's OpenAI base, e.g. <c>http://gpu-1:8000/v1</c> (requests go to <c>{Endpoint}/embeddings</c>), or the full <c>…/embeddings</c> address.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model id sent with every request; it is also part of the cache key, so a new model re-embeds everything.</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key sent as <c>Authorization: Bearer …</c>; none is sent when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The vector length the model must return; a server answering with another length is treated as unavailable. Null accepts the first length seen.</summary>
    [Range(1, 65536)]
    public int? Dimensions { get; set; }

    /// <summary>Most texts in one request while indexing.</summary>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Budget of one indexing request (one batch, each attempt).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Budget of embedding one customer question; a slower answer leaves that turn to BM25 alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of an indexing request after a timeout, a connection failure, 429 or 5xx; customer questions are never retried.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones double, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool IsConfigured => Endpoint is not null;

    /// <summary>The address requests are posted to (a method: options validation reads every property).</summary>
    /// <exception cref="InvalidOperationException">No endpoint is configured.</exception>
    public Uri EmbeddingsUri() => Endpoint is null
        ? throw new InvalidOperationException($"{Section}:Endpoint is not set.")
        : Endpoint.AbsolutePath.TrimEnd('/').EndsWith("/embeddings", StringComparison.Ordinal)
            ? Endpoint
            : new Uri(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/"), "embeddings");

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

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"{Section}:Model is required with {Section}:Endpoint (the servers need it, and it keys the embedding cache).", [nameof(Model)]);
        }
    }
}
