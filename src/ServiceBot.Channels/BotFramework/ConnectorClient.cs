using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Sends activities to a Bot Framework channel's connector at the activity's <c>serviceUrl</c>
/// (<c>POST /v3/conversations/{id}/activities/{replyToId}</c>) with the bot's bearer token.
/// </summary>
/// <remarks>
/// Throttling (429) and server errors are retried a few times, honouring <c>Retry-After</c>; a 401
/// renews the token once. Thread-safe.
/// </remarks>
internal sealed partial class ConnectorClient(IHttpClientFactory httpClients, ConnectorTokenProvider tokens, ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "ServiceBot.Channels.BotFramework.Connector";

    private const int Attempts = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>Sends <paramref name="activity"/> and returns the id the channel gave it (null when it gave none).</summary>
    /// <exception cref="ConnectorException">The channel refused the activity or stayed unreachable.</exception>
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var uri = ActivitiesUri(activity);
        var renewedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = JsonContent.Create(activity, options: ActivityJson.Options),
            };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (attempt < Attempts)
            {
                LogRetry(logger, e.Message, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException e)
            {
                throw new ConnectorException($"The channel at {uri.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}", e);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ReadIdAsync(response, cancellationToken).ConfigureAwait(false);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewedToken && token is not null)
                {
                    renewedToken = true;
                    tokens.Invalidate();
                    continue;
                }

                if (IsTransient(response.StatusCode) && attempt < Attempts)
                {
                    LogRetry(logger, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), attempt);
                    await Task.Delay(RetryDelay(response, attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ConnectorException($"The channel at {uri.GetLeftPart(UriPartial.Authority)} refused the activity ({(int)response.StatusCode}).");
            }
        }
    }

    /// <summary>The connector URL for an activity: a reply to <c>replyToId</c> when set, else a new message in the conversation.</summary>
    public static Uri ActivitiesUri(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConnectorException("The activity has no usable serviceUrl to reply to.");
        }

        var conversation = activity.Conversation?.Id ?? throw new ConnectorException("The activity has no conversation id to reply to.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }

        return new Uri(serviceUrl, path);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError;

    private static TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : Backoff(attempt));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(250 * (1 << attempt));

    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            // A channel that accepts the activity but answers with something other than a ResourceResponse still delivered it.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to a Bot Framework channel failed ({Reason}); attempt {Attempt} will be retried.")]
    private static partial void LogRetry(ILogger logger, string reason, int attempt);
}
