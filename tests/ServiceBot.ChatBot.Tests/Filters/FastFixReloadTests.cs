using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.Testing;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>Fast-fix rules are data: edits apply without a restart, broken edits lose nothing.</summary>
public sealed class FastFixReloadTests : IAsyncLifetime
{
    private readonly SampleBotCopy _copy = new();
    private ChatBotServer _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string RulesFile => _copy.BotFile(Path.Combine("chatbot", "fastfix.yaml"));

    public async ValueTask InitializeAsync()
    {
        // A private copy of the sample bot, so that editing its rules affects no other test.
        await File.WriteAllTextAsync(RulesFile, "rules:\n  - id: first\n    contains: [包退包换]\n    action: block\n", Ct);
        _bot = await ChatBotServer.StartAsync(botsDirectory: _copy.BotsDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        _copy.Dispose();
    }

    [Fact]
    public async Task EditedRulesApplyWithoutRestart()
    {
        Assert.Equal(ReplyVerdict.Blocked, (await CheckAsync("我们包退包换。")).Verdict);
        Assert.Equal(ReplyVerdict.Pass, (await CheckAsync("我们终身保修。")).Verdict);

        await WriteRulesAsync("rules:\n  - id: second\n    contains: [终身保修]\n    action: block\n");

        Assert.Equal(ReplyVerdict.Pass, (await CheckAsync("我们包退包换。")).Verdict);
        Assert.Equal("fastfix:second", (await CheckAsync("我们终身保修。")).Reason);
    }

    [Fact]
    public async Task BrokenEditKeepsThePreviousRules()
    {
        Assert.Equal(ReplyVerdict.Blocked, (await CheckAsync("我们包退包换。")).Verdict);

        await WriteRulesAsync("rules:\n  - id: bad\n    regex: \"([unclosed\"\n    action: block\n");

        Assert.Equal(ReplyVerdict.Blocked, (await CheckAsync("我们包退包换。")).Verdict);
    }

    private async Task WriteRulesAsync(string yaml)
    {
        var before = File.GetLastWriteTimeUtc(RulesFile);
        await File.WriteAllTextAsync(RulesFile, yaml, Ct);

        // Coarse file-system clocks: make sure the edit is visible as a change.
        File.SetLastWriteTimeUtc(RulesFile, before.AddSeconds(2));
    }

    private async Task<ReplyFilterResult> CheckAsync(string reply)
    {
        var turn = _bot.Turn("退货");
        turn.Features.Set(new GroundingContext(ShopPassages.All));
        var filter = _bot.Server.Services.GetServices<IReplyFilter>().Single(f => f.Name == "fastfix");
        return await filter.CheckAsync(turn, turn.CreateReply(reply), reply, Ct);
    }
}
