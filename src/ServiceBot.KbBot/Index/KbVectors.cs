using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Index;

/// <summary>The vector side of a snapshot: one vector per question row, and one centroid per entry.</summary>
/// <param name="Encoder">Encodes queries into the same space as the rows.</param>
/// <param name="Rows">Row vectors; ids are row positions.</param>
/// <param name="RowVectors">The same vectors by row, for scoring a candidate's rows directly.</param>
/// <param name="Centroids">Unit mean of each entry's row vectors (empty for an entry without rows).</param>
internal sealed record KbVectors(IQueryEncoder Encoder, IVectorIndex Rows, float[][] RowVectors, float[][] Centroids);
