using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Core.Logging;
using ServiceBot.Server;
using ServiceBot.Server.Endpoints;

namespace ServiceBot.Testing;

/// <summary>
/// The real ServiceBot server on a free loopback port, over the repository's bots (or a copy), with
/// its data in a temporary folder that is deleted afterwards. Tests talk to it over real HTTP.
/// </summary>
public sealed class ServiceBotTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ServiceBotTestServer(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The folder the server keeps its SQLite files in.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Starts a server; waits until it has started (bots loaded).</summary>
    /// <param name="settings">Configuration as key/value pairs, e.g. <c>["ServiceBot:Redis:Configuration"] = …</c>.</param>
    /// <param name="configure">Changes to services after ServiceBot registered its own (test doubles).</param>
    /// <param name="botsDirectory">The bots folder; the repository's <c>bots/</c> when null.</param>
    public static async Task<ServiceBotTestServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        string? botsDirectory = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "servicebot-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(data);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--contentRoot=" + SharedData.RepositoryRoot,
            "--ServiceBot:BotsDirectory=" + (botsDirectory ?? Path.Combine(SharedData.RepositoryRoot, "bots")),
            "--ServiceBot:DataDirectory=" + data,
            "--Logging:LogLevel:Default=Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            args.Add($"--{key}={value}");
        }

        var app = ServiceBotApp.Build([.. args], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder.Services);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Urls.First(), UriKind.Absolute);
        return new ServiceBotTestServer(app, data, address);
    }

    /// <summary>A conversation with a fresh id.</summary>
    public ConversationHarness Conversation(string? botId = null, string? locale = null, string? userId = null) =>
        new(this, botId, "test-" + Guid.NewGuid().ToString("N")[..12], locale, userId ?? "tester");

    /// <summary>Sends one turn through <c>POST /api/turns</c> with the trace.</summary>
    public async Task<TurnApiResponse> SendAsync(TurnApiRequest request, CancellationToken cancellationToken = default)
    {
        request.Trace = true;
        using var response = await Client.PostAsJsonAsync("/api/turns", request, ActivityJson.Options, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"POST /api/turns answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<TurnApiResponse>(ActivityJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("POST /api/turns returned an empty body.");
    }

    /// <summary>Waits until every bot has loaded (<c>/health/ready</c> answers 200), at most a minute.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("The bots did not load within a minute.");
    }

    /// <summary>Waits until every turn so far is in the conversation log.</summary>
    public Task FlushLogAsync() => _app.Services.GetRequiredService<TurnLogWriter>().FlushAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind; the test result stands.
        }
    }

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
