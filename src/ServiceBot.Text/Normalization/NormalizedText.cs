namespace ServiceBot.Text.Normalization;

/// <summary>Text after normalization, with the map back to the text it came from.</summary>
/// <param name="Original">The text as given.</param>
/// <param name="Text">The normalized text.</param>
/// <param name="OffsetMap">
/// For each index of <paramref name="Text"/> plus one past the end, the index in <paramref name="Original"/>
/// it came from; null when the two align one to one.
/// </param>
public sealed record NormalizedText(string Original, string Text, int[]? OffsetMap)
{
    /// <summary>Maps a span of <see cref="Text"/> to the span of <see cref="Original"/> it came from.</summary>
    public (int Start, int Length) ToOriginalSpan(int start, int length)
    {
        if (OffsetMap is null)
        {
            return (start, length);
        }

        var s = OffsetMap[Math.Clamp(start, 0, Text.Length)];
        var e = OffsetMap[Math.Clamp(start + length, 0, Text.Length)];
        return (s, Math.Max(0, e - s));
    }
}
