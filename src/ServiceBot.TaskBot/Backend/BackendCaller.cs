using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ServiceBot.TaskBot.Dialogs;

namespace ServiceBot.TaskBot.Backend;

/// <summary>
/// Calls the company's backend for a dialog action: fills the path, header and body templates from
/// slots and configuration secrets, enforces the action's timeout, and sorts the response into
/// <see cref="BackendStatus"/> so the dialog can re-ask, explain or offer a human.
/// </summary>
/// <remarks>
/// Base URLs come from configuration (<c>ServiceBot:TaskBot:Backends:&lt;name&gt;:Url</c>) before the
/// bot's <c>taskbot.backends</c>, so each environment points the same dialogs at its own backend.
/// Secrets are only ever read from configuration, never from bot content. Thread-safe.
/// </remarks>
public sealed partial class BackendCaller(IHttpClientFactory clients, IConfiguration configuration, ILogger<BackendCaller> logger)
{
    public const string HttpClientName = "servicebot-taskbot";

    /// <summary>Calls <paramref name="action"/>; never throws for backend trouble, only for cancellation of the turn.</summary>
    public async Task<BackendResult> CallAsync(ActionDefinition action, string? configuredUrl, IReadOnlyDictionary<string, string> slots, CancellationToken cancellationToken)
    {
        var baseUrl = configuration[$"ServiceBot:TaskBot:Backends:{action.Backend}:Url"] ?? configuredUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl.TrimEnd('/') + Fill(action.Path, slots, escape: true), UriKind.Absolute, out var uri))
        {
            LogNoBackend(logger, action.Id, action.Backend);
            return new BackendResult(BackendStatus.Failed, null, "no backend URL");
        }

        using var request = new HttpRequestMessage(new HttpMethod(action.Method.ToUpperInvariant()), uri);
        foreach (var (name, template) in action.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, Fill(template, slots, escape: false));
        }

        if (action.Body is not null)
        {
            var body = new JsonObject();
            foreach (var (field, template) in action.Body)
            {
                body[field] = BodyValue(template, slots);
            }

            request.Content = JsonContent.Create(body);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(action.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            JsonElement? json = null;
            if (text.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    json = document.RootElement.Clone();
                }
                catch (JsonException) when (!response.IsSuccessStatusCode)
                {
                    // An error page in HTML: the status code says enough.
                }
            }

            LogCalled(logger, action.Id, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response.StatusCode switch
            {
                >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => new BackendResult(BackendStatus.Ok, json, null),
                HttpStatusCode.NotFound => new BackendResult(BackendStatus.NotFound, json, MessageOf(json)),
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => new BackendResult(BackendStatus.Rejected, json, MessageOf(json)),
                _ => new BackendResult(BackendStatus.Failed, json, $"HTTP {(int)response.StatusCode}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, action.Id, action.Timeout.TotalSeconds);
            return new BackendResult(BackendStatus.Failed, null, "timeout");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            LogFailed(logger, e, action.Id);
            return new BackendResult(BackendStatus.Failed, null, e.Message);
        }
    }

    /// <summary>The value at a dotted path (<c>shipment.carrier</c>, <c>items.0.name</c>) as slot text; null when absent.</summary>
    public static string? Read(JsonElement? body, string path)
    {
        if (body is not { } element)
        {
            return null;
        }

        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(part, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        };
    }

    // Slot values fill the template; {secret:NAME} reads configuration, never bot content.
    private string Fill(string template, IReadOnlyDictionary<string, string> slots, bool escape) =>
        TemplateText.Fill(template, name =>
        {
            var value = name.StartsWith("secret:", StringComparison.Ordinal)
                ? configuration[$"ServiceBot:TaskBot:Secrets:{name[7..]}"] ?? ""
                : slots.GetValueOrDefault(name) ?? "";
            return escape ? Uri.EscapeDataString(value) : value;
        });

    // A body field that is exactly one variable keeps the slot's own text (null when unfilled);
    // anything else is a string template.
    private JsonValue? BodyValue(string template, IReadOnlyDictionary<string, string> slots)
    {
        if (TemplateText.IsSingleVariable(template, out var name) && !name.StartsWith("secret:", StringComparison.Ordinal))
        {
            return slots.TryGetValue(name, out var value) ? JsonValue.Create(value) : null;
        }

        return JsonValue.Create(Fill(template, slots, escape: false));
    }

    private static string? MessageOf(JsonElement? body) => Read(body, "message") ?? Read(body, "error");

    [LoggerMessage(Level = LogLevel.Error, Message = "TaskBot action '{Action}' has no URL: set ServiceBot:TaskBot:Backends:{Backend}:Url or taskbot.backends.{Backend}.url.")]
    private static partial void LogNoBackend(ILogger logger, string action, string backend);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TaskBot action '{Action}' answered {Status} in {ElapsedMs:0.0} ms.")]
    private static partial void LogCalled(ILogger logger, string action, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TaskBot action '{Action}' timed out after {Seconds} s.")]
    private static partial void LogTimeout(ILogger logger, string action, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TaskBot action '{Action}' failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string action);
}
