using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Filters;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.Testing;

namespace ServiceBot.ChatBot.Tests.Filters;

/// <summary>Fast-fix rules are data: edits apply without a restart, broken edits lose nothing.</summary>
public sealed class FastFixReloadTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "servicebot-chatbot-" + Guid.NewGuid().ToString("N")[..10]);
    private ChatBotServer _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string RulesFile => Path.Combine(_root, "bots", "shop", "chatbot", "fastfix.yaml");

    public async ValueTask InitializeAsync()
    {
        // A private copy of the sample bot, so that editing its rules affects no other test.
        Copy(Path.Combine(SharedData.RepositoryRoot, "bots", "shop"), Path.Combine(_root, "bots", "shop"));
        Copy(Path.Combine(SharedData.RepositoryRoot, "knowledge", "shop"), Path.Combine(_root, "knowledge", "shop"));
        await File.WriteAllTextAsync(RulesFile, "rules:\n  - id: first\n    contains: [包退包换]\n    action: block\n", Ct);
        _bot = await ChatBotServer.StartAsync(botsDirectory: Path.Combine(_root, "bots"));
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_root, recursive: true);
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

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
