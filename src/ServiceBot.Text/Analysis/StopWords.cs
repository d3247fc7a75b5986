using System.Collections.Frozen;

namespace ServiceBot.Text.Analysis;

/// <summary>
/// The stop-word lists the project maintains as data (embedded <c>Resources/stopwords-*.txt</c>),
/// looked up by span without allocating. Immutable and thread-safe.
/// </summary>
internal sealed class StopWords
{
    private readonly FrozenSet<string> _words;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StopWords(IEnumerable<string> words)
    {
        _words = words.ToFrozenSet(StringComparer.Ordinal);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static StopWords Chinese { get; } = new(ReadResource("stopwords-zh.txt"));

    public static StopWords English { get; } = new(ReadResource("stopwords-en.txt"));

    public int Count => _words.Count;

    public IEnumerable<string> Words => _words;

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);

    /// <summary>Reads a word list: one word per line, blank lines and <c>#</c> comments skipped.</summary>
    public static IEnumerable<string> ReadList(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && word[0] != '#')
            {
                yield return word;
            }
        }
    }

    private static List<string> ReadResource(string name)
    {
        using var stream = typeof(StopWords).Assembly.GetManifestResourceStream($"ServiceBot.Text.Resources.{name}")
            ?? throw new InvalidOperationException($"The embedded word list {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return [.. ReadList(reader)];
    }
}
