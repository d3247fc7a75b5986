using System.ComponentModel.DataAnnotations;

namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>
/// The NLI (natural-language inference) endpoint under <c>ServiceBot:Nli</c>: a server with a TEI-style
/// <c>POST /predict</c> that classifies [premise, hypothesis] pairs as entailment, neutral or
/// contradiction (Hugging Face text-embeddings-inference running a cross-encoder NLI model). No
/// <see cref="Endpoint"/> means no entailment check, whatever the bots' settings say.
/// </summary>
internal sealed class NliOptions : IValidatableObject
{
    public const string Section = "ServiceBot:Nli";

    /// <summary>
    /// The server's root, e.g. <c>http://gpu-1:8080</c> (requests go to <c>{Endpoint}/predict</c>), or the full
    /// <c>…/predict</c> address; null switches the check off.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Bearer key sent as <c>Authorization: Bearer …</c>; none is sent when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Budget of one call; a slower answer lets the reply pass unchecked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most pairs in one request (TEI's <c>--max-client-batch-size</c> defaults to 32); longer replies take several calls.</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>True when an endpoint is configured.</summary>
    public bool IsConfigured => Endpoint is not null;

    /// <summary>The address requests are posted to (a method: options validation reads every property).</summary>
    /// <exception cref="InvalidOperationException">No endpoint is configured.</exception>
    public Uri PredictUri() => Endpoint is null
        ? throw new InvalidOperationException($"{Section}:Endpoint is not set.")
        : Endpoint.AbsolutePath.TrimEnd('/').EndsWith("/predict", StringComparison.Ordinal)
            ? Endpoint
            : new Uri(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/"), "predict");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{Section}:Endpoint must be an absolute http(s) address, not '{Endpoint}'.", [nameof(Endpoint)]);
        }
    }
}
