using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// The two Slack Web API methods replies need, <c>chat.postMessage</c> and <c>chat.update</c>, posted
/// as JSON with the bot token to <see cref="SlackOptions.ApiBaseUrl"/>.
/// </summary>
/// <remarks>Rate limiting (429) is retried after <c>Retry-After</c>, a few times. Thread-safe.</remarks>
internal sealed partial class SlackWebApi(IHttpClientFactory httpClients, IOptions<SlackOptions> options, ILogger<SlackWebApi> logger)
{
    public const string HttpClientName = "ServiceBot.Channels.Slack";
    private const int Attempts = 3;

    private readonly SlackOptions _options = options.Value;

    /// <summary>Posts a message; returns its <c>ts</c>, which identifies it for updates.</summary>
    /// <exception cref="SlackApiException">Slack answered <c>ok: false</c> or could not be reached.</exception>
    public async Task<string> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["channel"] = channel, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() };
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        var response = await CallAsync("chat.postMessage", body, cancellationToken).ConfigureAwait(false);
        return response.TryGetProperty("ts", out var ts) && ts.GetString() is { } value ? value : throw new SlackApiException("chat.postMessage", "no ts in the response");
    }

    /// <summary>Replaces the text and blocks of the message <paramref name="ts"/>.</summary>
    /// <exception cref="SlackApiException">Slack answered <c>ok: false</c> or could not be reached.</exception>
    public async Task UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        await CallAsync("chat.update", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }, cancellationToken).ConfigureAwait(false);

    private async Task<JsonElement> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), method);
        var json = body.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BotToken);
            HttpResponseMessage response;
            try
            {
                response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new SlackApiException(method, "unreachable: " + e.Message, e);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < Attempts)
                {
                    var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    LogRateLimited(logger, method, delay.TotalSeconds);
                    await Task.Delay(delay > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, "HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = document.RootElement.Clone();
                if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
                {
                    throw new SlackApiException(method, root.TryGetProperty("error", out var error) ? error.GetString() ?? "unknown" : "unknown");
                }

                return root;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; retrying in {Seconds} s.")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);
}
