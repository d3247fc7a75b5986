using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Storage.Sqlite;

namespace ServiceBot.Storage;

/// <summary>Registers the durable stores: the knowledge base, the conversation log and the embedding cache.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the SQLite knowledge store, conversation log and embedding cache (one file each per bot, in the bot's data folder).</summary>
    public static IServiceCollection AddServiceBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabases>();
        services.TryAddSingleton<SqliteKnowledgeStore>();
        services.Replace(ServiceDescriptor.Singleton<IKnowledgeStore>(sp => sp.GetRequiredService<SqliteKnowledgeStore>()));
        services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteKnowledgeStore>()));
        services.Replace(ServiceDescriptor.Singleton<IConversationLog, SqliteConversationLog>());
        services.Replace(ServiceDescriptor.Singleton<IEmbeddingCache, SqliteEmbeddingCache>());
        return services;
    }
}
