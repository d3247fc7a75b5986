using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Core.Bots;

/// <summary>The bots found under <see cref="ServiceBotOptions.BotsDirectory"/>, loaded once at start-up.</summary>
/// <remarks>A bot whose definition is invalid stops start-up with an error naming the file and line.</remarks>
internal sealed class BotCatalog : IBotCatalog
{
    private readonly Dictionary<string, BotDefinition> _bots;

    public BotCatalog(IOptions<ServiceBotOptions> options, IHostEnvironment environment)
    {
        var settings = options.Value;
        var botsRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.BotsDirectory));
        var dataRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.DataDirectory));
        if (!Directory.Exists(botsRoot))
        {
            throw new BotDefinitionException(botsRoot, "the bots folder does not exist; set ServiceBot:BotsDirectory or run from the repository root.");
        }

        _bots = new Dictionary<string, BotDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Directory.GetDirectories(botsRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, BotDefinitionLoader.FileName);
            if (!File.Exists(file))
            {
                continue;
            }

            if (settings.Bots.Count > 0 && !settings.Bots.Contains(Path.GetFileName(folder), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var bot = BotDefinitionLoader.Load(file, dataRoot);
            if (!_bots.TryAdd(bot.Id, bot))
            {
                throw new BotDefinitionException(file, $"bot id '{bot.Id}' is also used by {_bots[bot.Id].SourcePath}.");
            }
        }

        if (_bots.Count == 0)
        {
            throw new BotDefinitionException(botsRoot, $"no bot found: expected {BotDefinitionLoader.FileName} in a sub-folder.");
        }

        All = [.. _bots.Values.OrderBy(b => b.Id, StringComparer.Ordinal)];
        if (settings.DefaultBot is { Length: > 0 } defaultId)
        {
            Default = _bots.TryGetValue(defaultId, out var bot)
                ? bot
                : throw new BotDefinitionException(botsRoot, $"ServiceBot:DefaultBot names '{defaultId}', which is not among the bots ({string.Join(", ", _bots.Keys)}).");
        }
        else
        {
            Default = All[0];
        }
    }

    public BotDefinition Default { get; }

    public IReadOnlyList<BotDefinition> All { get; }

    public bool TryGet(string id, [MaybeNullWhen(false)] out BotDefinition bot) => _bots.TryGetValue(id, out bot);
}
