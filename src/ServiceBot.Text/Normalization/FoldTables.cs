namespace ServiceBot.Text.Normalization;

/// <summary>
/// The fold tables built so far, one with and one without traditional-to-simplified folding: both are
/// the same for every converter of the same configuration, and building one takes tens of milliseconds.
/// </summary>
internal static class FoldTables
{
    private static readonly Lazy<CharFoldTable> WithoutScript = new(() => CharFoldTable.Build(null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Dictionary<string, CharFoldTable> ByConfig = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static CharFoldTable Get(OpenCcConverter? converter)
    {
        if (converter is null)
        {
            return WithoutScript.Value;
        }

        lock (Gate)
        {
            if (!ByConfig.TryGetValue(converter.Config, out var table))
            {
                ByConfig[converter.Config] = table = CharFoldTable.Build(converter);
            }

            return table;
        }
    }
}
