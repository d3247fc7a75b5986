using System.Numerics.Tensors;

namespace ServiceBot.Retrieval.Vectors;

/// <summary>SIMD vector helpers over <see cref="TensorPrimitives"/>.</summary>
public static class VectorMath
{
    /// <summary>Inner product; equals cosine similarity for unit vectors.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Scales <paramref name="vector"/> to unit length in place; a zero vector stays zero. Returns the original norm.</summary>
    public static float Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return norm;
    }

    /// <summary>Throws when <paramref name="vector"/> has the wrong number of components.</summary>
    public static void CheckDimensions(ReadOnlySpan<float> vector, int dimensions, string what)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"{what} has {vector.Length} dimensions; the index holds {dimensions}-dimensional vectors.", nameof(vector));
        }
    }
}
