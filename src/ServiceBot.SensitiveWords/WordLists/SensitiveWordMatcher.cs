using System.Text;
using ServiceBot.Abstractions.Bots;
using ServiceBot.SensitiveWords.Matching;

namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>
/// Compiled word lists: every entry of every list in one automaton with variant folding, each entry
/// with its category, and allow-list entries that hide sensitive matches lying inside them
/// ("操作" hides "操").
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Compiling is the slow part (hundreds of milliseconds for 100k entries);
/// finding is a single pass over the text that allocates only when something matches. A reload builds
/// a new matcher and swaps it in; the old one keeps serving until then.
/// </remarks>
public sealed class SensitiveWordMatcher
{
    private readonly string[] _categories;

    private SensitiveWordMatcher(WordAutomaton automaton, string[] categories, WordListReport report)
    {
        Automaton = automaton;
        _categories = categories;
        Report = report;
    }

    /// <summary>Category names, indexed as in the compiled patterns.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>Entries in the automaton, allow-list entries included.</summary>
    public int EntryCount => Automaton.Patterns.Count;

    /// <summary>What the compile found: counts and skipped lines.</summary>
    public WordListReport Report { get; }

    /// <summary>
    /// Whether traditional Chinese folds to simplified (OpenCC installed): without it, a word written in
    /// traditional characters passes a list written in simplified ones.
    /// </summary>
    public bool FoldsTraditional => Automaton.FoldsTraditional;

    internal WordAutomaton Automaton { get; }

    /// <summary>True when <paramref name="name"/> can name a category: letters, digits, '-' and '_', up to 64 characters.</summary>
    public static bool IsCategoryName(string? name) => NormalizeCategory(name) is not null;

    /// <summary>Reads and compiles word-list files.</summary>
    /// <exception cref="BotDefinitionException">A file is missing, unreadable or too large, or the lists hold more entries than allowed; the message names the file.</exception>
    public static SensitiveWordMatcher Load(IEnumerable<WordListSource> sources, WordListLimits? limits = null)
    {
        limits ??= WordListLimits.Default;
        var report = new WordListReport();
        var entries = new List<WordListEntry>();
        foreach (var source in sources)
        {
            ReadFile(source, limits, report, entries);
        }

        return Compile(entries, report, limits);
    }

    /// <summary>Compiles entries given in code (tests, the console's "try a word" box).</summary>
    internal static SensitiveWordMatcher Compile(IEnumerable<WordListEntry> entries, WordListReport report, WordListLimits limits)
    {
        var folding = VariantFolding.Default;
        var categories = new List<string>();
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<CompiledPattern>();
        var origins = new List<WordListEntry>();

        foreach (var entry in entries)
        {
            var key = folding.FoldKey(entry.Word);
            if (key.Length == 0)
            {
                report.Skipped++;
                report.Warn(entry.File, entry.Line, $"'{entry.Word}' is only spaces, punctuation or symbols, which matching skips; ignored.");
                continue;
            }

            if (key.Length > WordAutomaton.MaxPatternLength)
            {
                report.Skipped++;
                report.Warn(entry.File, entry.Line, $"entry is {key.Length} characters long; at most {WordAutomaton.MaxPatternLength} are allowed; ignored.");
                continue;
            }

            if (key.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 || key.Contains('\uFFFD', StringComparison.Ordinal))
            {
                report.Skipped++;
                report.Warn(entry.File, entry.Line, "entry has an unreadable character (invalid UTF-8) or a character outside the Basic Multilingual Plane; ignored.");
                continue;
            }

            int category;
            if (entry.IsAllow)
            {
                category = CompiledPattern.AllowCategory;
            }
            else if (!categoryIndex.TryGetValue(entry.Category, out category))
            {
                category = categories.Count;
                categories.Add(entry.Category);
                categoryIndex[entry.Category] = category;
            }

            if (byKey.TryGetValue(key, out var existing))
            {
                report.Duplicates++;
                var first = patterns[existing];
                if (category == CompiledPattern.AllowCategory && !first.IsAllow)
                {
                    // The allow-list wins: a word an operator allowed is never reported.
                    patterns[existing] = first with { Category = CompiledPattern.AllowCategory };
                }
                else if (first.Category != category && !first.IsAllow)
                {
                    var origin = origins[existing];
                    report.Warn(entry.File, entry.Line, $"'{entry.Word}' is already listed as '{origin.Word}' in category '{categories[first.Category]}' ({origin.File}:{origin.Line}); the first category is kept.");
                }

                continue;
            }

            if (patterns.Count >= limits.MaxEntries)
            {
                throw new BotDefinitionException(entry.File, entry.Line, $"the word lists hold more than {limits.MaxEntries} entries; split or trim them.");
            }

            byKey[key] = patterns.Count;
            patterns.Add(new CompiledPattern(key, entry.Word, category));
            origins.Add(entry);
        }

        report.Entries = patterns.Count;
        var automaton = WordAutomaton.Build(patterns, folding, limits.MaxNoiseRun);
        return new SensitiveWordMatcher(automaton, [.. categories], report);
    }

    /// <summary>
    /// Every occurrence of a sensitive entry in <paramref name="text"/>, overlapping ones included,
    /// except those inside an occurrence of an allow-list entry; ordered by start, then length.
    /// </summary>
    /// <remarks>Never throws for any string, invalid UTF-16 included.</remarks>
    public IReadOnlyList<SensitiveWordMatch> Find(string text)
    {
        var raw = Automaton.FindAll(text);
        if (raw.Count == 0)
        {
            return [];
        }

        var patterns = Automaton.Patterns;
        List<(int Start, int End)>? allowed = null;
        foreach (var match in raw)
        {
            if (patterns[match.PatternId].IsAllow)
            {
                (allowed ??= []).Add((match.Start, match.Start + match.Length));
            }
        }

        var result = new List<SensitiveWordMatch>(raw.Count);
        foreach (var match in raw)
        {
            var pattern = patterns[match.PatternId];
            if (pattern.IsAllow || (allowed is not null && IsInside(allowed, match.Start, match.Start + match.Length)))
            {
                continue;
            }

            result.Add(new SensitiveWordMatch(pattern.Word, _categories[pattern.Category], match.Start, match.Length));
        }

        result.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
        return result;
    }

    /// <summary>True when <paramref name="text"/> has at least one sensitive occurrence (allow-list applied).</summary>
    public bool Contains(string text) => Automaton.Count(text) > 0 && Find(text).Count > 0;

    /// <summary>
    /// Replaces every character of the given occurrences with <paramref name="mask"/>, one mask
    /// character per character the customer sees (a surrogate pair counts once).
    /// </summary>
    public static string Mask(string text, IEnumerable<SensitiveWordMatch> matches, char mask = '*')
    {
        var covered = new bool[text.Length];
        var any = false;
        foreach (var match in matches)
        {
            var end = Math.Min(text.Length, match.End);
            for (var i = Math.Max(0, match.Start); i < end; i++)
            {
                covered[i] = true;
                any = true;
            }
        }

        if (!any)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!covered[i])
            {
                builder.Append(text[i]);
            }
            else if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]) && covered[i - 1]))
            {
                builder.Append(mask);
            }
        }

        return builder.ToString();
    }

    private static bool IsInside(List<(int Start, int End)> allowed, int start, int end)
    {
        foreach (var (s, e) in allowed)
        {
            if (s <= start && end <= e)
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadFile(WordListSource source, WordListLimits limits, WordListReport report, List<WordListEntry> entries)
    {
        var file = source.Path;
        FileInfo info;
        try
        {
            info = new FileInfo(file);
            if (!info.Exists)
            {
                throw new BotDefinitionException(file, "the word list does not exist.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BotDefinitionException(file, $"the word list cannot be read: {e.Message}", e);
        }

        if (info.Length > limits.MaxFileBytes)
        {
            throw new BotDefinitionException(file, $"the word list is {info.Length:N0} bytes; at most {limits.MaxFileBytes:N0} are allowed.");
        }

        var defaultCategory = NormalizeCategory(source.DefaultCategory) ?? "default";
        try
        {
            using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                report.Lines++;
                var trimmed = line.AsSpan().Trim();
                if (trimmed.IsEmpty || (trimmed[0] == '#' && (trimmed.Length == 1 || trimmed[1] == ' ')))
                {
                    report.BlankLines++;
                    continue;
                }

                var tab = trimmed.IndexOf('\t');
                var word = (tab < 0 ? trimmed : trimmed[..tab]).Trim().ToString();
                var category = defaultCategory;
                if (tab >= 0)
                {
                    var rest = trimmed[(tab + 1)..];
                    var extra = rest.IndexOf('\t');
                    if (extra >= 0)
                    {
                        report.Warn(file, lineNumber, "more than one tab; text after the second tab is ignored.");
                        rest = rest[..extra];
                    }

                    if (NormalizeCategory(rest.ToString()) is { } named)
                    {
                        category = named;
                    }
                    else if (!rest.Trim().IsEmpty)
                    {
                        report.Warn(file, lineNumber, $"'{rest.ToString()}' is not a category name (letters, digits, '-' and '_', up to 64); the list's category '{defaultCategory}' is used.");
                    }
                }

                if (word.Length == 0)
                {
                    report.Skipped++;
                    report.Warn(file, lineNumber, "the line has a category but no word; ignored.");
                    continue;
                }

                entries.Add(new WordListEntry(word, category, file, lineNumber, source.IsAllowList));
            }
        }
        catch (IOException e)
        {
            throw new BotDefinitionException(file, $"the word list cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BotDefinitionException(file, $"the word list cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Lower-case category name, or null when it is not one.</summary>
    internal static string? NormalizeCategory(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 64)
        {
            return null;
        }

        foreach (var c in trimmed)
        {
            if (!char.IsLetterOrDigit(c) && c is not '-' and not '_')
            {
                return null;
            }
        }

        return trimmed.ToLowerInvariant();
    }
}
