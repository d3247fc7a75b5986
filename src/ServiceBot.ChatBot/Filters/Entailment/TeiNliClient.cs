using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>
/// The NLI client over Hugging Face text-embeddings-inference's sequence-classification route:
/// <c>POST /predict</c> with <c>{"inputs": [[premise, hypothesis], …], "truncate": true}</c>, answered by one
/// list of <c>{"label", "score"}</c> per pair. Labels are matched case-insensitively.
/// </summary>
/// <remarks>
/// No retries: the check is optional and a turn must not wait for it twice. Every failure becomes an
/// <see cref="NliUnavailableException"/>; only the caller's cancellation propagates as such. Thread-safe.
/// </remarks>
internal sealed partial class TeiNliClient(IHttpClientFactory httpClients, IOptions<NliOptions> options, TimeProvider time, ILogger<TeiNliClient> logger) : INliClient
{
    public const string HttpClientName = "ServiceBot.ChatBot.Nli";

    private readonly NliOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    public async Task<IReadOnlyList<NliPrediction>> PredictAsync(IReadOnlyList<NliPair> pairs, CancellationToken cancellationToken)
    {
        var uri = _options.PredictUri();
        if (pairs.Count == 0)
        {
            return [];
        }

        // One budget for the whole check, however many batches it takes.
        using var timeout = new CancellationTokenSource(_options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var predictions = new List<NliPrediction>(pairs.Count);
        try
        {
            foreach (var batch in pairs.Chunk(_options.MaxBatchSize))
            {
                predictions.AddRange(await SendAsync(uri, batch, linked.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NliUnavailableException(NliFailure.Timeout, "timeout");
        }
        catch (HttpRequestException e)
        {
            throw new NliUnavailableException(NliFailure.Unreachable, "unreachable", e);
        }
        catch (JsonException e)
        {
            throw new NliUnavailableException(NliFailure.MalformedResponse, "malformed-response: not JSON", e);
        }

        LogPredicted(logger, pairs.Count);
        return predictions;
    }

    private async Task<NliPrediction[]> SendAsync(Uri uri, NliPair[] pairs, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Body(pairs) };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        using var response = await httpClients.CreateClient(HttpClientName)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new NliUnavailableException(NliFailure.HttpError, "http-" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Parse(document.RootElement, pairs.Length);
        }
    }

    private static ByteArrayContent Body(NliPair[] pairs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var pair in pairs)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(pair.Premise);
                writer.WriteStringValue(pair.Hypothesis);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();

            // A premise longer than the model's window is cut rather than refused (TEI answers 413 otherwise).
            writer.WriteBoolean("truncate", true);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A list of label lists, one per pair; a single pair may also come back as one bare label list.</summary>
    private static NliPrediction[] Parse(JsonElement root, int expected)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("not a list");
        }

        if (expected == 1 && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object)
        {
            return [Prediction(root)];
        }

        if (root.GetArrayLength() != expected)
        {
            throw Malformed($"expected {expected} results, got {root.GetArrayLength()}");
        }

        var predictions = new NliPrediction[expected];
        var i = 0;
        foreach (var item in root.EnumerateArray())
        {
            predictions[i++] = Prediction(item);
        }

        return predictions;
    }

    private static NliPrediction Prediction(JsonElement labels)
    {
        if (labels.ValueKind != JsonValueKind.Array || labels.GetArrayLength() == 0)
        {
            throw Malformed("a result is not a list of labels");
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in labels.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String
                || !entry.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number
                || !score.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Malformed("a label without a name or a numeric score");
            }

            scores[Normalize(label.GetString()!)] = value;
        }

        if (!scores.ContainsKey(NliPrediction.Entailment) && !scores.ContainsKey(NliPrediction.Contradiction))
        {
            // E.g. LABEL_0/LABEL_1: a model without NLI labels in its config cannot be read.
            throw Malformed("no entailment or contradiction label");
        }

        return new NliPrediction(scores);
    }

    private static string Normalize(string label)
    {
        foreach (var known in (ReadOnlySpan<string>)[NliPrediction.Entailment, NliPrediction.Neutral, NliPrediction.Contradiction])
        {
            if (string.Equals(label, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return label;
    }

    private static NliUnavailableException Malformed(string why) => new(NliFailure.MalformedResponse, "malformed-response: " + why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "NLI endpoint classified {Pairs} pairs.")]
    private static partial void LogPredicted(ILogger logger, int pairs);
}
