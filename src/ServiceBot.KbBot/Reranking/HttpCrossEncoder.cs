using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.KbBot.Reranking;

/// <summary>
/// The cross-encoder client for <c>/rerank</c> servers, in TEI's shape (<c>{"query", "texts", "raw_scores": false}</c> →
/// <c>[{"index", "score"}]</c>) or Jina/Cohere's (<c>{"model", "query", "documents", "top_n"}</c> →
/// <c>{"results": [{"index", "relevance_score"}]}</c>).
/// </summary>
/// <remarks>
/// One attempt within <see cref="CrossEncoderOptions.Timeout"/> and no retries: it runs inside a customer's
/// turn, and the local order is a good answer already. Every failure becomes
/// <see cref="KbCrossEncoderUnavailableException"/> with a short reason; only the caller's cancellation
/// propagates as such. Texts are never logged. Thread-safe.
/// </remarks>
internal sealed partial class HttpCrossEncoder(IHttpClientFactory httpClients, IOptions<CrossEncoderOptions> options, TimeProvider time, ILogger<HttpCrossEncoder> logger) : IKbCrossEncoder
{
    public const string HttpClientName = "ServiceBot.KbBot.Reranker";

    private readonly CrossEncoderOptions _options = options.Value;

    public int TopN => _options.TopN;

    private bool Cohere => _options.Protocol == "cohere";

    public async ValueTask<double[]> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        var uri = _options.RerankUri();
        using var budget = new CancellationTokenSource(_options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Body(query, documents) };
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }

            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Unavailable("cross-encoder answered HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: linked.Token).ConfigureAwait(false);
                var scores = Parse(document.RootElement, documents.Count);
                LogScored(logger, documents.Count);
                return scores;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("cross-encoder timed out");
        }
        catch (HttpRequestException e)
        {
            throw Unavailable("cross-encoder unreachable", e);
        }
        catch (JsonException e)
        {
            throw Unavailable("cross-encoder answered malformed JSON", e);
        }
    }

    private ByteArrayContent Body(string query, IReadOnlyList<string> documents)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Cohere)
            {
                writer.WriteString("model", _options.Model);
            }

            writer.WriteString("query", query);
            writer.WriteStartArray(Cohere ? "documents" : "texts");
            foreach (var text in documents)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
            if (Cohere)
            {
                writer.WriteNumber("top_n", documents.Count);
            }
            else
            {
                // Probabilities (the model's sigmoid), not logits: the responder combines them with the local calibration.
                writer.WriteBoolean("raw_scores", false);
                writer.WriteBoolean("truncate", true);
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private double[] Parse(JsonElement root, int expected)
    {
        JsonElement results;
        if (Cohere)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out results) || results.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("no 'results' list");
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            results = root;
        }
        else
        {
            throw Malformed("not a list");
        }

        var scoreName = Cohere ? "relevance_score" : "score";
        var scores = new double[expected];
        Array.Fill(scores, double.NaN);
        foreach (var item in results.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("index", out var at) || !at.TryGetInt32(out var index) || index < 0 || index >= expected
                || !item.TryGetProperty(scoreName, out var score) || !score.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Malformed($"an item without a valid 'index' or '{scoreName}'");
            }

            if (value is < 0 or > 1)
            {
                throw Malformed("a score outside [0, 1] (raw logits?)");
            }

            scores[index] = value;
        }

        return Array.Exists(scores, double.IsNaN) ? throw Malformed("a document without a score") : scores;
    }

    private static KbCrossEncoderUnavailableException Malformed(string why) => Unavailable("cross-encoder answered malformed JSON: " + why);

    private static KbCrossEncoderUnavailableException Unavailable(string reason, Exception? inner = null) => new(reason, inner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cross-encoder scored {Count} candidates.")]
    private static partial void LogScored(ILogger logger, int count);
}
