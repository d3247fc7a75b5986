using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Text;
using ServiceBot.Testing;

namespace ServiceBot.Server.Tests;

/// <summary>
/// Every layer reads the turn's one analysis: whichever layer answers, the customer's message is
/// normalized and segmented once (the analyzer is wrapped to count what it is asked).
/// </summary>
public sealed class OneAnalysisPerTurnTests : IAsyncLifetime
{
    private readonly CountingAnalyzer _counter = new();
    private ServiceBotTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ServiceBotTestServer.StartAsync(configure: services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(ITextAnalyzer));
            services.Remove(real);
            services.AddSingleton<ITextAnalyzer>(sp =>
            {
                _counter.Inner = (ITextAnalyzer)real.ImplementationFactory!(sp);
                return _counter;
            });
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("退货的运费谁来承担呢", "kbbot")]
    [InlineData("我要退货", "taskbot")]
    [InlineData("你们这些傻 逼客服", "rejector")]
    [InlineData("今天心情不太好，陪我聊聊天吧", "chatbot")]
    public async Task TheMessageIsAnalyzedOnce_WhicheverLayerAnswers(string text, string layer)
    {
        await _server.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
        // Loading the bot analyzed its own content (a dialog example may be the very same text).
        var before = _counter.CountOf(text);

        await _server.Conversation(locale: "zh-CN").Send(text).AssertAnsweredBy(layer);

        Assert.Equal(1, _counter.CountOf(text) - before);
    }

    private sealed class CountingAnalyzer : ITextAnalyzer
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public ITextAnalyzer Inner { get; set; } = null!;

        public int CountOf(string text) => _counts.GetValueOrDefault(text);

        public AnalyzedUtterance Analyze(string text)
        {
            _counts.AddOrUpdate(text, 1, static (_, n) => n + 1);
            return Inner.Analyze(text);
        }
    }
}
