using ServiceBot.KbBot.Index;

namespace ServiceBot.KbBot.Tests;

/// <summary>
/// A small real embedder for tests: each text becomes the unit vector of its hashed character bigrams,
/// so texts sharing bigrams lie close. It lets the vector configurations run where no trained
/// embedder is registered.
/// </summary>
internal sealed class BigramHashEncoderFactory : IKbEncoderFactory, IQueryEncoder
{
    private const int Size = 256;

    public string Model => "bigram-hash-256";

    public int Dimensions => Size;

    public ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(string botId, IReadOnlyList<KbRow> rows, CancellationToken cancellationToken) =>
        ValueTask.FromResult<(IQueryEncoder, float[][])>((this, [.. rows.Select(r => Encode(r.Text))]));

    public ValueTask<float[]?> EncodeAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult<float[]?>(Encode(text));

    private static float[] Encode(string text)
    {
        var vector = new float[Size];
        var letters = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            vector[(int)((uint)HashCode.Combine(letters[i], letters[i + 1]) % Size)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (var i = 0; i < Size; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
