using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Tests;

/// <summary>A started host with the core and test stages over a temporary bots folder.</summary>
internal sealed class CoreHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;

    private CoreHost(IHost host, string root)
    {
        _host = host;
        _root = root;
    }

    public IServiceProvider Services => _host.Services;

    public ITurnProcessor Processor => _host.Services.GetRequiredService<ITurnProcessor>();

    public static async Task<CoreHost> StartAsync(
        Action<IServiceCollection> configure,
        string botYaml = "id: test\n",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "servicebot-core-" + Guid.NewGuid().ToString("N")[..10]);
        var id = botYaml.Split('\n')[0].Replace("id:", "", StringComparison.Ordinal).Trim();
        Directory.CreateDirectory(Path.Combine(root, "bots", id));
        await File.WriteAllTextAsync(Path.Combine(root, "bots", id, "bot.yaml"), botYaml, TestContext.Current.CancellationToken);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var config = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:BotsDirectory"] = "bots",
            ["ServiceBot:DataDirectory"] = "data",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddServiceBotCore(builder.Configuration);
        builder.Services.AddSingleton<ITextAnalyzer, CharacterAnalyzer>();
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new CoreHost(host, root);
    }

    public Task<TurnResult> SendAsync(string text, string conversation = "c1", string user = "u1") =>
        Processor.ProcessAsync(TestBots.Message(text, conversation, user), TurnRequest.Default, TestContext.Current.CancellationToken);

    public Task<TurnResult> SendAsync(Activity activity) =>
        Processor.ProcessAsync(activity, TurnRequest.Default, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
