namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>What compiling word lists found: counts, and the first few problems with file and line.</summary>
/// <remarks>Problems listed here did not stop the compile; the lines they name were skipped or merged.</remarks>
public sealed class WordListReport
{
    /// <summary>How many problems are described in <see cref="Warnings"/>; later ones are only counted.</summary>
    public const int MaxListedWarnings = 50;

    private readonly List<string> _warnings = [];

    /// <summary>Lines read from every file.</summary>
    public int Lines { get; internal set; }

    /// <summary>Entries kept in the automaton, allow-list entries included.</summary>
    public int Entries { get; internal set; }

    /// <summary>Empty and whitespace-only lines, and comment lines (<c># </c>).</summary>
    public int BlankLines { get; internal set; }

    /// <summary>Entries that fold to the key of an earlier entry (same word, or a variant of it).</summary>
    public int Duplicates { get; internal set; }

    /// <summary>Lines skipped for a problem (only noise, too long, unreadable characters).</summary>
    public int Skipped { get; internal set; }

    /// <summary>All problems, listed or not.</summary>
    public int WarningCount { get; private set; }

    /// <summary>The first <see cref="MaxListedWarnings"/> problems as <c>file:line: message</c>.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal void Warn(string file, int line, string message)
    {
        WarningCount++;
        if (_warnings.Count < MaxListedWarnings)
        {
            _warnings.Add($"{file}:{line}: {message}");
        }
    }
}
