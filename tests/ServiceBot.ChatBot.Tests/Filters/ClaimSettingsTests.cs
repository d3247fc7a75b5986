using System.Net;
using ServiceBot.Testing;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>A bot whose claims-check settings make no sense does not load, and readiness says which setting.</summary>
public sealed class ClaimSettingsTests : IDisposable
{
    private readonly SampleBotCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public async Task CoverageOutsideZeroToOneIsRejectedByName()
    {
        var botFile = _copy.BotFile("bot.yaml");
        var yaml = await File.ReadAllTextAsync(botFile, TestContext.Current.CancellationToken);
        Assert.Contains("min-coverage: 0.51", yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(botFile, yaml.Replace("min-coverage: 0.51", "min-coverage: 5", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        await using var server = await ServiceBotTestServer.StartAsync(botsDirectory: _copy.BotsDirectory);
        using var response = await server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("chatbot.filters.claims: min-coverage", body, StringComparison.Ordinal);
    }
}
