using System.ComponentModel.DataAnnotations;

namespace ServiceBot.ChatBot.Llm;

/// <summary>
/// The generative model under <c>ServiceBot:Llm</c>: any OpenAI-compatible chat-completions server
/// (vLLM, TGI, llama.cpp server, Ollama, hosted APIs). No <see cref="Endpoint"/> means no model: the
/// ChatBot answers from templates and retrieval and otherwise falls back to suggestions and handoff.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "ServiceBot:Llm";

    /// <summary>Base address of the API, e.g. <c>http://gpu-1:8000/v1</c>; null switches generation off.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model id sent with every request.</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key; servers that need none accept any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The request field for the output limit: <c>max_tokens</c> (understood by every compatible server)
    /// or <c>max_completion_tokens</c> (OpenAI's newer name, required by its reasoning models).
    /// </summary>
    [RegularExpression("^(max_tokens|max_completion_tokens)$")]
    public string MaxTokensField { get; set; } = "max_tokens";

    /// <summary>Whole-call budget, retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per attempt: how long to wait for the response to start (the first streamed token).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Once streaming, the longest silence between two chunks before the call is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after a transient failure (429, 5xx, connection errors, first-token timeout) before the response started.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Cap on any retry delay, a server's <c>Retry-After</c> included.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of failed calls in <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio counts.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before letting one trial call through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Calls in flight at once from this replica; more wait up to <see cref="QueueTimeout"/>.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrency { get; set; } = 16;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Price of 1,000 prompt tokens, for the per-turn cost in the trace (0 when self-hosted).</summary>
    [Range(0, 1000)]
    public decimal InputCostPer1K { get; set; }

    /// <summary>Price of 1,000 completion tokens.</summary>
    [Range(0, 1000)]
    public decimal OutputCostPer1K { get; set; }

    /// <summary>True when a model is configured.</summary>
    public bool IsConfigured => Endpoint is not null;

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
            yield return new ValidationResult($"{Section}:Model is required when {Section}:Endpoint is set.", [nameof(Model)]);
        }

        if (FirstTokenTimeout > Timeout)
        {
            yield return new ValidationResult($"{Section}:FirstTokenTimeout ({FirstTokenTimeout}) cannot exceed {Section}:Timeout ({Timeout}).", [nameof(FirstTokenTimeout)]);
        }
    }
}
