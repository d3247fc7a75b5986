using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ServiceBot.TestLlm;

/// <summary>
/// A real HTTP server that speaks the OpenAI chat-completions wire protocol (JSON and SSE streaming,
/// usage, error bodies, <c>Retry-After</c>), a TEI-style <c>/predict</c> entailment endpoint, OpenAI
/// <c>/v1/embeddings</c> and TEI/Cohere-style <c>/rerank</c>, answering as its <see cref="TestLlmScript"/> says. Used by tests (there is no <c>servicebot</c> command to run it by hand yet).
/// </summary>
/// <remarks>
/// Thread-safe: requests run concurrently, the script can be swapped at any time, and every request
/// is recorded in <see cref="Requests"/> for assertions. Binds to loopback only.
/// </remarks>
public sealed class TestLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Dictionary<TestLlmRule, int> _served = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _servedLock = new();
    private TestLlmScript _script;
    private int _activeStreams;
    private int _maxConcurrent;

    private TestLlmServer(WebApplication app, TestLlmScript script)
    {
        _app = app;
        _script = script;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The OpenAI base address to configure clients with: <see cref="Root"/> + <c>v1/</c>.</summary>
    public Uri BaseAddress => new(Root, "v1/");

    /// <summary>The script in force; assigning replaces it for later requests and resets rule counters.</summary>
    public TestLlmScript Script
    {
        get => Volatile.Read(ref _script);
        set
        {
            lock (_servedLock)
            {
                _served.Clear();
                Volatile.Write(ref _script, value);
            }
        }
    }

    /// <summary>Every request received, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Chat requests received (the <c>/v1/chat/completions</c> ones).</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => [.. _requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal))];

    /// <summary>Embedding requests received (the <c>/v1/embeddings</c> ones).</summary>
    public IReadOnlyList<RecordedRequest> EmbeddingRequests => [.. _requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal))];

    /// <summary>Rerank requests received (<c>/rerank</c> and <c>/v1/rerank</c>).</summary>
    public IReadOnlyList<RecordedRequest> RerankRequests => [.. _requests.Where(r => r.Path.EndsWith("/rerank", StringComparison.Ordinal))];

    /// <summary>The largest number of chat requests that were being answered at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxConcurrent);

    /// <summary>Starts a server on a loopback port (0 picks a free one).</summary>
    public static async Task<TestLlmServer> StartAsync(TestLlmScript? script = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new TestLlmServer(app, script ?? new TestLlmScript());
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapPost("/chat/completions", server.ChatAsync);
        app.MapGet("/v1/models", server.Models);
        app.MapPost("/predict", server.PredictAsync);
        app.MapPost("/v1/embeddings", server.EmbeddingsAsync);
        app.MapPost("/embeddings", server.EmbeddingsAsync);
        app.MapPost("/rerank", server.RerankAsync);
        app.MapPost("/v1/rerank", server.RerankAsync);
        app.MapGet("/health", () => Results.Ok());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Forgets recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ChatAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            await WriteErrorAsync(http, 400, "The request body is not a JSON object.", "invalid_request_error", null).ConfigureAwait(false);
            return;
        }

        if (body["messages"] is not JsonArray { Count: > 0 })
        {
            await WriteErrorAsync(http, 400, "'messages' must be a non-empty array.", "invalid_request_error", null).ConfigureAwait(false);
            return;
        }

        var request = new ChatRequestView(body);
        var script = Script;
        var rule = Pick(script, request) ?? new TestLlmRule { Mode = TestLlmReplyMode.Grounded };
        var active = Interlocked.Increment(ref _activeStreams);
        InterlockedMax(ref _maxConcurrent, active);
        try
        {
            if (rule.DelayMs > 0)
            {
                await Task.Delay(rule.DelayMs, http.RequestAborted).ConfigureAwait(false);
            }

            if (rule.Status is { } status)
            {
                if (rule.RetryAfterSeconds is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                var type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
                await WriteErrorAsync(http, status, rule.ErrorMessage ?? $"Scripted error {status}.", type, status == 429 ? "rate_limit_exceeded" : null).ConfigureAwait(false);
                return;
            }

            var text = ReplyWriter.Write(rule, request);
            var model = (string?)body["model"] ?? script.Model;
            var finish = rule.FinishReason ?? (rule.Mode == TestLlmReplyMode.Loop ? "length" : "stop");
            var usage = (Prompt: EstimateTokens(request.AllText), Completion: EstimateTokens(text));
            if (request.Stream)
            {
                await StreamAsync(http, rule, text, model, finish, usage, request.IncludeUsage).ConfigureAwait(false);
            }
            else
            {
                await WriteCompletionAsync(http, text, model, finish, usage).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout); nothing left to send.
        }
        finally
        {
            Interlocked.Decrement(ref _activeStreams);
        }
    }

    private TestLlmRule? Pick(TestLlmScript script, ChatRequestView request)
    {
        lock (_servedLock)
        {
            foreach (var rule in script.Rules)
            {
                if (rule.When is not null && !rule.When.IsMatch(request))
                {
                    continue;
                }

                var served = _served.GetValueOrDefault(rule);
                if (rule.Times is { } times && served >= times)
                {
                    continue;
                }

                _served[rule] = served + 1;
                return rule;
            }
        }

        return null;
    }

    private static async Task StreamAsync(HttpContext http, TestLlmRule rule, string text, string model, string finish, (int Prompt, int Completion) usage, bool includeUsage)
    {
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var ct = http.RequestAborted;
        await WriteEventAsync(http, Chunk(id, created, model, w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", "");
        }, null), ct).ConfigureAwait(false);

        var chunks = ReplyWriter.Chunks(text, rule.ChunkSize);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (rule.DisconnectAfterChunks is { } cut && i >= cut)
            {
                http.Abort();
                return;
            }

            if (rule.ChunkDelayMs > 0)
            {
                await Task.Delay(rule.ChunkDelayMs, ct).ConfigureAwait(false);
            }

            var piece = chunks[i];
            await WriteEventAsync(http, Chunk(id, created, model, w => w.WriteString("content", piece), null), ct).ConfigureAwait(false);
        }

        await WriteEventAsync(http, Chunk(id, created, model, _ => { }, finish), ct).ConfigureAwait(false);
        if (includeUsage)
        {
            await WriteEventAsync(http, Json(w =>
            {
                WriteHeader(w, id, created, model, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, usage);
            }), ct).ConfigureAwait(false);
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", ct).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Chunk(string id, long created, string model, Action<Utf8JsonWriter> delta, string? finish) => Json(w =>
    {
        WriteHeader(w, id, created, model, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        if (finish is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finish);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static Task WriteCompletionAsync(HttpContext http, string text, string model, string finish, (int Prompt, int Completion) usage)
    {
        var json = Json(w =>
        {
            WriteHeader(w, "chatcmpl-" + Guid.NewGuid().ToString("N")[..12], DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model, "chat.completion");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            w.WriteEndObject();
            w.WriteString("finish_reason", finish);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, usage);
        });
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    private static void WriteHeader(Utf8JsonWriter w, string id, long created, string model, string kind)
    {
        w.WriteString("id", id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter w, (int Prompt, int Completion) usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Prompt);
        w.WriteNumber("completion_tokens", usage.Completion);
        w.WriteNumber("total_tokens", usage.Prompt + usage.Completion);
        w.WriteEndObject();
    }

    private static async Task WriteEventAsync(HttpContext http, string json, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync("data: " + json + "\n\n", cancellationToken).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string message, string type, string? code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(Json(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteNull("param");
            if (code is null)
            {
                w.WriteNull("code");
            }
            else
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
        }), http.RequestAborted);
    }

    private IResult Models() => Results.Text(
        Json(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", Script.Model);
            w.WriteString("object", "model");
            w.WriteNumber("created", 0);
            w.WriteString("owned_by", "servicebot");
            w.WriteEndObject();
            w.WriteEndArray();
        }),
        "application/json");

    /// <summary>
    /// TEI's sequence-classification endpoint: <c>{"inputs": [[premise, hypothesis], …]}</c> →
    /// one list of <c>{label, score}</c> per pair, best first.
    /// </summary>
    private async Task PredictAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var pairs = new List<(string Premise, string Hypothesis)>();
        if (body?["inputs"] is JsonArray inputs)
        {
            if (inputs.Count == 2 && inputs[0] is JsonValue && inputs[1] is JsonValue)
            {
                pairs.Add(((string?)inputs[0] ?? "", (string?)inputs[1] ?? ""));
            }
            else
            {
                foreach (var pair in inputs.OfType<JsonArray>().Where(p => p.Count == 2))
                {
                    pairs.Add(((string?)pair[0] ?? "", (string?)pair[1] ?? ""));
                }
            }
        }

        if (pairs.Count == 0)
        {
            await WriteErrorAsync(http, 422, "'inputs' must be a [premise, hypothesis] pair or a list of pairs.", "validation", null).ConfigureAwait(false);
            return;
        }

        var verdicts = new List<(string Label, double Score)>();
        foreach (var (premise, hypothesis) in pairs)
        {
            var rule = Script.Nli.FirstOrDefault(r => r.Contains is null || hypothesis.Contains(r.Contains, StringComparison.Ordinal));
            if (rule is { DelayMs: > 0 })
            {
                await Task.Delay(rule.DelayMs, http.RequestAborted).ConfigureAwait(false);
            }

            if (rule?.Status is { } status)
            {
                await WriteErrorAsync(http, status, $"Scripted error {status}.", "server_error", null).ConfigureAwait(false);
                return;
            }

            if (rule?.RawBody is { } raw)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(raw, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            verdicts.Add(rule is null ? Overlap(premise, hypothesis) : (rule.Label, rule.Score));
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Json(w =>
        {
            foreach (var (label, score) in verdicts)
            {
                w.WriteStartArray();
                var rest = (1 - score) / 2;
                foreach (var (l, s) in new[] { (label, score), (Other(label, 0), rest), (Other(label, 1), rest) })
                {
                    w.WriteStartObject();
                    w.WriteString("label", l.ToUpperInvariant());
                    w.WriteNumber("score", Math.Round(s, 4));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
        }, array: true), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// OpenAI's embeddings route: <c>{"model", "input": string | string[]}</c> →
    /// <c>{"object": "list", "data": [{"object": "embedding", "index", "embedding": […]}], "model", "usage"}</c>.
    /// </summary>
    private async Task EmbeddingsAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var settings = Script.Embeddings;
        var texts = new List<string>();
        switch (body?["input"])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                texts.Add((string)value!);
                break;
            case JsonArray array when array.Count > 0 && array.All(i => i?.GetValueKind() == JsonValueKind.String):
                texts.AddRange(array.Select(i => (string)i!));
                break;
            default:
                await WriteErrorAsync(http, 400, "'input' must be a string or a non-empty array of strings.", "invalid_request_error", null).ConfigureAwait(false);
                return;
        }

        try
        {
            if (settings.DelayMs > 0)
            {
                await Task.Delay(settings.DelayMs, http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (settings.Status is { } status)
        {
            await WriteErrorAsync(http, status, $"Scripted error {status}.", status == 401 ? "authentication_error" : "server_error", null).ConfigureAwait(false);
            return;
        }

        if (settings.RawBody is { } raw)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(raw, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var dimensions = settings.WrongDimensions ?? settings.Dimensions;
        var model = (string?)body!["model"] ?? Script.Model;
        var tokens = texts.Sum(EstimateTokens);
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Json(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < texts.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                w.WriteStartArray("embedding");
                foreach (var x in NgramEmbedder.Embed(texts[i], dimensions))
                {
                    w.WriteNumberValue(x);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
        }), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Cross-encoder reranking in both common shapes: TEI's <c>{"query", "texts": […]}</c> → <c>[{"index", "score"}]</c>,
    /// and Jina/Cohere's <c>{"model", "query", "documents": […], "top_n"}</c> → <c>{"results": [{"index", "relevance_score"}]}</c>;
    /// best first either way.
    /// </summary>
    private async Task RerankAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var settings = Script.Rerank;
        var query = body?["query"] is JsonValue q && q.GetValueKind() == JsonValueKind.String ? (string)q! : null;
        var cohere = body?["documents"] is JsonArray;
        var items = body?["texts"] as JsonArray ?? body?["documents"] as JsonArray;
        var documents = items?.Select(d => d switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (string?)v,
            JsonObject o => (string?)o["text"],
            _ => null,
        }).ToList();
        if (query is null || documents is null || documents.Count == 0 || documents.Any(d => d is null))
        {
            await WriteErrorAsync(http, 422, "'query' and a non-empty list of 'texts' (or 'documents') are required.", "validation", null).ConfigureAwait(false);
            return;
        }

        try
        {
            if (settings.DelayMs > 0)
            {
                await Task.Delay(settings.DelayMs, http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (settings.Status is { } status)
        {
            await WriteErrorAsync(http, status, $"Scripted error {status}.", "server_error", null).ConfigureAwait(false);
            return;
        }

        if (settings.RawBody is { } raw)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(raw, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var ranked = documents
            .Select((d, i) => (Index: i, Score: settings.Rules.FirstOrDefault(r => d!.Contains(r.Contains, StringComparison.Ordinal))?.Score ?? NgramEmbedder.BigramShare(query, d!)))
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Index)
            .ToList();
        if (cohere && body!["top_n"] is JsonValue top && top.TryGetValue<int>(out var topN) && topN > 0)
        {
            ranked = [.. ranked.Take(topN)];
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(
            cohere
                ? Json(w =>
                {
                    w.WriteString("model", (string?)body!["model"] ?? Script.Model);
                    w.WriteStartArray("results");
                    foreach (var (index, score) in ranked)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("index", index);
                        w.WriteNumber("relevance_score", Math.Round(score, 6));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                })
                : Json(
                    w =>
                    {
                        foreach (var (index, score) in ranked)
                        {
                            w.WriteStartObject();
                            w.WriteNumber("index", index);
                            w.WriteNumber("score", Math.Round(score, 6));
                            w.WriteEndObject();
                        }
                    },
                    array: true),
            http.RequestAborted).ConfigureAwait(false);
    }

    // Without a script, a hypothesis whose character bigrams are mostly in the premise is entailed.
    private static (string, double) Overlap(string premise, string hypothesis)
    {
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < premise.Length; i++)
        {
            bigrams.Add(premise.Substring(i, 2));
        }

        int total = 0, found = 0;
        for (var i = 0; i + 1 < hypothesis.Length; i++)
        {
            if (char.IsWhiteSpace(hypothesis[i]) || char.IsWhiteSpace(hypothesis[i + 1]))
            {
                continue;
            }

            total++;
            if (bigrams.Contains(hypothesis.Substring(i, 2)))
            {
                found++;
            }
        }

        var coverage = total == 0 ? 1 : (double)found / total;
        return coverage >= 0.6 ? ("entailment", 0.5 + (coverage / 2)) : ("neutral", 1 - (coverage / 2));
    }

    private static string Other(string label, int index)
    {
        string[] labels = ["entailment", "neutral", "contradiction"];
        return labels.Where(l => !string.Equals(l, label, StringComparison.OrdinalIgnoreCase)).ElementAt(index);
    }

    private async Task<JsonObject?> ReadBodyAsync(HttpContext http)
    {
        JsonObject? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Recorded as an empty body; the endpoint answers 400.
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new RecordedRequest(http.Request.Path, body ?? [], authorization.Length == 0 ? null : authorization, DateTimeOffset.UtcNow));
        return body;
    }

    private static string Json(Action<Utf8JsonWriter> write, bool array = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (array)
            {
                writer.WriteStartArray();
            }
            else
            {
                writer.WriteStartObject();
            }

            write(writer);
            if (array)
            {
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // A rough count in the spirit of BPE tokenizers: one per CJK character, one per four other characters.
    private static int EstimateTokens(string text)
    {
        int cjk = 0, other = 0;
        foreach (var c in text)
        {
            if (c is >= '\u3400' and <= '\u9fff')
            {
                cjk++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                other++;
            }
        }

        return cjk + ((other + 3) / 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
