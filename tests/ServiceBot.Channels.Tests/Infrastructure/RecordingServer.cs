using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that records every request and answers with what the test's responder
/// says: stands in for a Bot Framework connector, an OAuth token endpoint, or Slack's Web API.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private LoopbackHost? _host;

    public Func<RecordedRequest, (int Status, string Body)> Responder { get; set; } = _ => (200, "{}");

    public Uri BaseAddress => _host!.BaseAddress;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public static async Task<RecordingServer> StartAsync(Func<RecordedRequest, (int Status, string Body)>? responder = null)
    {
        var server = new RecordingServer();
        if (responder is not null)
        {
            server.Responder = responder;
        }

        server._host = await LoopbackHost.StartAsync(_ => { }, app => app.Run(server.HandleAsync));
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived; fails after the timeout.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> filter, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var matching = _requests.Where(filter).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} matching request(s), got {matching.Count}: {string.Join(", ", _requests.Select(r => r.Method + " " + r.Path))}");
            }

            await _arrived.WaitAsync(left, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var request = new RecordedRequest(http.Request.Method, target, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, http.Request.ContentType ?? "", body);
        var (status, responseBody) = Responder(request);
        request.ResponseBody = responseBody;
        _requests.Enqueue(request);
        _arrived.Release();
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(responseBody);
    }
}
