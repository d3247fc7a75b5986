using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ServiceBot.KbBot.Index;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// Calls an OpenAI-compatible <c>POST /v1/embeddings</c>: <c>{"model", "input": [...], "encoding_format": "float"}</c>
/// answered by <c>{"data": [{"index", "embedding": [...]}]}</c>.
/// </summary>
/// <remarks>
/// Indexing requests get <see cref="HttpEmbedderOptions.Timeout"/> per attempt and up to
/// <see cref="HttpEmbedderOptions.MaxRetries"/> retries with exponential backoff and jitter on transient failures
/// (timeout, connection, 429, 5xx); a customer's question gets one attempt within
/// <see cref="HttpEmbedderOptions.QueryTimeout"/>, because the turn cannot wait for a second. Every failure
/// surfaces as <see cref="KbEncoderUnavailableException"/> whose message names the endpoint and the cause;
/// only the caller's cancellation propagates as such. Texts are never logged. Thread-safe.
/// </remarks>
internal sealed partial class HttpEmbeddingClient
{
    public const string HttpClientName = "ServiceBot.KbBot.Embedder";

    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _indexing;

    public HttpEmbeddingClient(IHttpClientFactory httpClients, IOptions<HttpEmbedderOptions> options, TimeProvider time, ILogger<HttpEmbeddingClient> logger)
    {
        _httpClients = httpClients;
        _time = time;
        _logger = logger;
        Options = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (Options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is EmbedderCallException { Transient: true }),
                MaxRetryAttempts = Options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Options.RetryDelay,
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message ?? "");
                    return ValueTask.CompletedTask;
                },
            });
        }

        _indexing = builder.Build();
    }

    public HttpEmbedderOptions Options { get; }

    /// <summary>The model id requests name (validated as set when an endpoint is).</summary>
    public string Model => Options.Model ?? "";

    /// <summary>One indexing batch, retried on transient failures.</summary>
    /// <exception cref="KbEncoderUnavailableException">The server failed every attempt or answered something unusable.</exception>
    public async Task<float[][]> EmbedBatchAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            return await _indexing.ExecuteAsync(
                async (state, ct) => await state.Self.SendAsync(state.Texts, state.Self.Options.Timeout, "ServiceBot:Embedder:Timeout", ct).ConfigureAwait(false),
                (Self: this, Texts: texts),
                cancellationToken).ConfigureAwait(false);
        }
        catch (EmbedderCallException e)
        {
            throw new KbEncoderUnavailableException(e.Message, e.InnerException);
        }
    }

    /// <summary>A customer's question: one attempt within the query budget.</summary>
    /// <exception cref="KbEncoderUnavailableException">The server did not answer in time or answered something unusable.</exception>
    public async Task<float[]> EmbedQueryAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return (await SendAsync([text], Options.QueryTimeout, "ServiceBot:Embedder:QueryTimeout", cancellationToken).ConfigureAwait(false))[0];
        }
        catch (EmbedderCallException e)
        {
            throw new KbEncoderUnavailableException(e.Message, e.InnerException);
        }
    }

    private async Task<float[][]> SendAsync(IReadOnlyList<string> texts, TimeSpan timeout, string timeoutSetting, CancellationToken cancellationToken)
    {
        var uri = Options.EmbeddingsUri();
        using var budget = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Body(texts) };
            if (!string.IsNullOrEmpty(Options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
            }

            using var response = await _httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw StatusFailure(uri, response.StatusCode);
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: linked.Token).ConfigureAwait(false);
                var vectors = Parse(uri, document.RootElement, texts.Count);
                LogEmbedded(_logger, texts.Count);
                return vectors;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbedderCallException($"the embedder at {uri} did not answer within {timeout.TotalMilliseconds:0} ms ({timeoutSetting}).", true);
        }
        catch (HttpRequestException e)
        {
            throw new EmbedderCallException($"the embedder at {uri} is unreachable: {e.Message}", true, e);
        }
        catch (JsonException e)
        {
            throw new EmbedderCallException($"the embedder at {uri} answered with malformed JSON: {e.Message}", false, e);
        }
    }

    private ByteArrayContent Body(IReadOnlyList<string> texts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", Model);
            writer.WriteStartArray("input");
            foreach (var text in texts)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();

            // Some servers default to base64; floats are what every one of them can send.
            writer.WriteString("encoding_format", "float");
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static EmbedderCallException StatusFailure(Uri uri, HttpStatusCode status)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new EmbedderCallException($"the embedder at {uri} refused the request with HTTP {code} (check ServiceBot:Embedder:ApiKey).", false),
            HttpStatusCode.NotFound =>
                new EmbedderCallException($"the embedder at {uri} answered HTTP 404 (check ServiceBot:Embedder:Endpoint and Model).", false),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout =>
                new EmbedderCallException($"the embedder at {uri} answered HTTP {code}.", true),
            _ => new EmbedderCallException($"the embedder at {uri} answered HTTP {code}.", (int)status >= 500),
        };
    }

    /// <summary>The vectors in input order; <c>index</c> places each when present (servers may reorder).</summary>
    private static float[][] Parse(Uri uri, JsonElement root, int expected)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(uri, "no 'data' list");
        }

        if (data.GetArrayLength() != expected)
        {
            throw Malformed(uri, $"{data.GetArrayLength()} vectors for {expected} texts");
        }

        var vectors = new float[expected][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            var index = position++;
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(uri, "an item without an 'embedding' list (base64 answers are not read)");
            }

            if (item.TryGetProperty("index", out var at) && (!at.TryGetInt32(out index) || index < 0 || index >= expected || vectors[index] is not null))
            {
                throw Malformed(uri, "an item with a missing, repeated or out-of-range 'index'");
            }

            var vector = new float[embedding.GetArrayLength()];
            var i = 0;
            foreach (var x in embedding.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Number || !x.TryGetSingle(out var value) || !float.IsFinite(value))
                {
                    throw Malformed(uri, "a vector component that is not a finite number");
                }

                vector[i++] = value;
            }

            if (vector.Length == 0)
            {
                throw Malformed(uri, "an empty vector");
            }

            vectors[index] = vector;
        }

        var length = vectors[0].Length;
        if (vectors.Any(v => v.Length != length))
        {
            throw Malformed(uri, "vectors of different lengths in one answer");
        }

        return vectors;
    }

    private static EmbedderCallException Malformed(Uri uri, string why) => new($"the embedder at {uri} answered malformed JSON: {why}.", false);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedder returned {Count} vectors.")]
    private static partial void LogEmbedded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedder request failed; retry {Attempt} in {DelayMs:0} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string reason);

    /// <summary>One failed call; <see cref="Transient"/> says whether trying again may help.</summary>
    private sealed class EmbedderCallException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
    {
        public bool Transient { get; } = transient;
    }
}
