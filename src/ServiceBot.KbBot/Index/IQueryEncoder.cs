using ServiceBot.Abstractions.Text;

namespace ServiceBot.KbBot.Index;

/// <summary>Turns text into a unit-length vector for vector recall; the index and its queries share one encoder.</summary>
/// <remarks>Thread-safe. Returns null when it cannot encode (a remote embedder that is down); callers then use BM25 only.</remarks>
internal interface IQueryEncoder
{
    /// <summary>The model name, recorded with persisted vectors.</summary>
    string Model { get; }

    int Dimensions { get; }

    ValueTask<float[]?> EncodeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Encodes a message the turn has already analyzed; an encoder that reads the analyzer's terms uses them instead of analyzing again.</summary>
    ValueTask<float[]?> EncodeAsync(AnalyzedUtterance utterance, CancellationToken cancellationToken) => EncodeAsync(utterance.Normalized, cancellationToken);
}
