using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Storage.Tests;

/// <summary>A bot catalog over a temporary data folder, deleted on dispose.</summary>
internal sealed class TempBots : IBotCatalog, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "servicebot-storage-" + Guid.NewGuid().ToString("N")[..10]);

    public TempBots(params string[] ids)
    {
        All = [.. ids.Select(id => new BotDefinition(id, id, "zh-CN", ["zh-CN"], Path.Combine(_root, "bots", id, "bot.yaml"), Path.Combine(_root, "data", id), new JsonObject()))];
    }

    public BotDefinition Default => All[0];

    public IReadOnlyList<BotDefinition> All { get; }

    public bool TryGet(string id, [MaybeNullWhen(false)] out BotDefinition bot)
    {
        bot = All.FirstOrDefault(b => b.Id == id);
        return bot is not null;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
