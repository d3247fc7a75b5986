namespace ServiceBot.Text.Normalization;

/// <summary>
/// The character folder on its own, without loading the jieba dictionary: for automata that fold
/// their patterns and the text they scan the same way as text analysis does (the sensitive-word
/// matcher), in processes that do not segment.
/// </summary>
public static class CharFolders
{
    /// <summary>
    /// The folder for <paramref name="options"/>: with traditional-to-simplified folding through OpenCC
    /// when <see cref="TextOptions.TraditionalToSimplified"/> is set. Built once per OpenCC configuration.
    /// </summary>
    /// <exception cref="TextDataNotFoundException">OpenCC is asked for and is not installed; the message says how to install it.</exception>
    public static ICharFolder Create(TextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TraditionalToSimplified)
        {
            return FoldTables.Get(null);
        }

        // The table keeps what it needs; the converter is only read while the table is built.
        using var converter = OpenCcConverter.Open(options.OpenCcConfig);
        return FoldTables.Get(converter);
    }

    /// <summary>
    /// The folder with OpenCC's default traditional-to-simplified configuration when OpenCC is
    /// installed, otherwise the one without it; <paramref name="foldsTraditional"/> says which.
    /// </summary>
    public static ICharFolder CreateBestAvailable(out bool foldsTraditional)
    {
        try
        {
            foldsTraditional = true;
            return Create(new TextOptions());
        }
        catch (TextDataNotFoundException)
        {
            foldsTraditional = false;
            return Create(new TextOptions { TraditionalToSimplified = false });
        }
    }
}
