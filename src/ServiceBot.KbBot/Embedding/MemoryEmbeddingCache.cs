using System.Collections.Concurrent;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The embedding cache of a process without durable storage (the KB composed on its own, <c>eval kb</c>):
/// spares the second embedding of the same questions within the process, forgotten at exit.
/// </summary>
/// <remarks>Thread-safe. Grows with the distinct questions embedded, which a KB's edits keep small.</remarks>
internal sealed class MemoryEmbeddingCache : IEmbeddingCache
{
    private readonly ConcurrentDictionary<(string Bot, string Model, string Text), float[]> _vectors = new();

    public ValueTask<IReadOnlyList<float[]?>> GetManyAsync(string botId, string model, IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<float[]?>>([.. texts.Select(t => _vectors.GetValueOrDefault((botId, model, t)))]);

    public ValueTask PutManyAsync(string botId, string model, IReadOnlyList<KeyValuePair<string, float[]>> items, CancellationToken cancellationToken)
    {
        foreach (var (text, vector) in items)
        {
            _vectors[(botId, model, text)] = vector;
        }

        return ValueTask.CompletedTask;
    }
}
