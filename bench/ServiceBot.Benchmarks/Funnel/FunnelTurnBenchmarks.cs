using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Benchmarks.Filter;
using ServiceBot.Funnel;
using ServiceBot.Server;

namespace ServiceBot.Benchmarks.Funnel;

/// <summary>
/// One 30-character customer message through the funnel of the sample shop bot, as a channel sends
/// it (<see cref="ITurnProcessor"/>: lock, state load and save, guard, analysis, handoff and dialog
/// checks, rules, answer cache, rejector, turn log): answered by the cache, or passing every funnel
/// layer (the router and post-filter are switched off, so the miss costs the funnel alone).
/// </summary>
/// <remarks>
/// The bot is a copy of <c>bots/shop</c> whose rate-limit and flood windows are one millisecond wide:
/// the guard does all its counting, but the benchmark's thousands of identical messages a second are
/// never refused. <c>dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*FunnelTurn*'</c>
/// </remarks>
[MemoryDiagnoser]
public class FunnelTurnBenchmarks
{
    private const string CachedQuestion = "请问你们的运费到底是怎么收的，满多少钱可以包邮呢？";
    private const string PassingQuestion = "我上周买的那件羊毛大衣现在还能不能换成大一号的呢";

    private WebApplication? _app;
    private ITurnProcessor? _processor;
    private string? _root;
    private Activity? _hit;
    private Activity? _miss;

    [GlobalSetup]
    public void Setup()
    {
        var repository = EvaluationData.RepositoryRoot();
        _root = Directory.CreateTempSubdirectory("servicebot-bench-funnel-").FullName;
        CopyBot(Path.Combine(repository, "bots", "shop"), Path.Combine(_root, "bots", "shop"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "dialogs"), Path.Combine(repository, "dialogs"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "knowledge"), Path.Combine(repository, "knowledge"));

        _app = ServiceBotApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--contentRoot=" + repository,
                "--ServiceBot:BotsDirectory=" + Path.Combine(_root, "bots"),
                "--ServiceBot:DataDirectory=" + Path.Combine(_root, "data"),
                "--Logging:LogLevel:Default=Warning",
            ],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        _app.StartAsync().GetAwaiter().GetResult();
        WaitUntilReady(new Uri(_app.Urls.First()));

        _processor = _app.Services.GetRequiredService<ITurnProcessor>();
        _app.Services.GetRequiredService<IAnswerCache>().SetAsync(
            new CachedAnswer { BotId = "shop", Key = MessageKey.Of(CachedQuestion), Question = CachedQuestion, Answer = RichAnswer.Plain("满99元包邮，否则运费8元。"), CreatedAt = DateTimeOffset.UtcNow },
            CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _hit = Message("bench-hit", CachedQuestion);
        _miss = Message("bench-miss", PassingQuestion);
        Check(_hit, "cache");
        Check(_miss, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_app is not null)
        {
            _app.StopAsync().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Benchmark(Description = "30 chars, answered by the cache")]
    public Task<TurnResult> CacheHit() => _processor!.ProcessAsync(_hit!, TurnRequest.Default, CancellationToken.None);

    [Benchmark(Description = "30 chars, through every funnel layer")]
    public Task<TurnResult> FunnelMiss() => _processor!.ProcessAsync(_miss!, TurnRequest.Default, CancellationToken.None);

    private static Activity Message(string conversation, string text) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "api",
        From = new ChannelAccount { Id = conversation + "-user", Role = "user" },
        Recipient = new ChannelAccount { Id = "shop", Role = "bot" },
        Conversation = new ConversationAccount { Id = conversation },
        Text = text,
        Locale = "zh-CN",
    };

    private void Check(Activity activity, string? answeredBy)
    {
        var result = _processor!.ProcessAsync(activity, TurnRequest.Default, CancellationToken.None).GetAwaiter().GetResult();
        if (result.AnsweredBy != answeredBy)
        {
            throw new InvalidOperationException($"'{activity.Text}' was answered by '{result.AnsweredBy ?? "nothing"}', not '{answeredBy ?? "nothing"}': the benchmark would measure another path.");
        }
    }

    private static void CopyBot(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var yaml = Path.Combine(to, "bot.yaml");
        var text = File.ReadAllText(yaml)
            .Replace("  disabled: []", "  disabled: [router, postfilter]", StringComparison.Ordinal)
            .Replace("rate-limit: 20 ", "rate-limit: 100000 ", StringComparison.Ordinal)
            .Replace("rate-window-seconds: 60", "rate-window-seconds: 0.001", StringComparison.Ordinal)
            .Replace("flood-repeats: 3 ", "flood-repeats: 100000 ", StringComparison.Ordinal)
            .Replace("flood-window-seconds: 60", "flood-window-seconds: 0.001", StringComparison.Ordinal);
        File.WriteAllText(yaml, text);
    }

    private static void WaitUntilReady(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 600; i++)
        {
            using var response = client.GetAsync(new Uri("/health/ready", UriKind.Relative)).GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("The bot did not load within a minute.");
    }
}
