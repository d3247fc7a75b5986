using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.State;
using ServiceBot.Core.Cache;
using ServiceBot.Core.Knowledge;
using ServiceBot.Core.State;
using ServiceBot.Testing.Contracts;

namespace ServiceBot.Core.Tests;

public sealed class InMemoryConversationStateStoreTests : ConversationStateStoreContract
{
    protected override Task<IConversationStateStore> CreateStoreAsync() =>
        Task.FromResult<IConversationStateStore>(new InMemoryConversationStateStore(TimeProvider.System));
}

public sealed class InMemoryConversationLockTests : ConversationLockContract
{
    protected override Task<IConversationLock> CreateLockAsync() =>
        Task.FromResult<IConversationLock>(new InMemoryConversationLock());
}

public sealed class InMemoryAnswerCacheTests : AnswerCacheContract
{
    protected override Task<IAnswerCache> CreateCacheAsync() =>
        Task.FromResult<IAnswerCache>(new InMemoryAnswerCache());
}

public sealed class InProcessKnowledgeChangeNotifierTests : KnowledgeChangeNotifierContract
{
    protected override Task<IKnowledgeChangeNotifier> CreateNotifierAsync() =>
        Task.FromResult<IKnowledgeChangeNotifier>(new InProcessKnowledgeChangeNotifier(NullLogger<InProcessKnowledgeChangeNotifier>.Instance));
}
