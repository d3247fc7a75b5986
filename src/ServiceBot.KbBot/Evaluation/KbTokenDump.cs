using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;

namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// Writes a KB and its evaluation questions as the analyzer's terms, so other search engines can be
/// measured on exactly the tokens the KB-Bot's BM25 sees.
/// </summary>
/// <remarks>
/// <c>kb.tsv</c>: one line per question row of the index (the same rows, deduplicated the same way):
/// <c>entry id TAB terms</c>. <c>queries.tsv</c>: <c>faq id (empty when none) TAB terms</c>, in file
/// order. Terms are joined by single spaces; whitespace inside a term becomes U+2581 so a term stays one token.
/// </remarks>
public static class KbTokenDump
{
    /// <summary>Writes <c>kb.tsv</c> and <c>queries.tsv</c> into <paramref name="directory"/> (created when missing) with the registered analyzer.</summary>
    public static async Task WriteAsync(IServiceProvider services, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbEvalQuery> queries, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await WriteAsync(services.GetRequiredService<ITextAnalyzer>(), entries, queries, directory, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task WriteAsync(ITextAnalyzer analyzer, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbEvalQuery> queries, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(queries);
        Directory.CreateDirectory(directory);
        var live = entries.Where(e => e.Enabled).ToArray();
        var rows = new KbIndexBuilder(analyzer, null, NullLogger.Instance).AnalyzeRows(live);
        var kb = new StringBuilder();
        foreach (var row in rows)
        {
            Append(kb, live[row.Entry].Id, row.Terms);
        }

        var questions = new StringBuilder();
        foreach (var q in queries)
        {
            Append(questions, q.FaqId ?? "", analyzer.Analyze(q.Text).Terms);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "kb.tsv"), kb.ToString(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "queries.tsv"), questions.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static void Append(StringBuilder sb, string id, IEnumerable<string> terms)
    {
        sb.Append(Clean(id)).Append('\t');
        var first = true;
        foreach (var term in terms)
        {
            var clean = Clean(term);
            if (clean.Length == 0)
            {
                continue;
            }

            sb.Append(first ? "" : " ").Append(clean);
            first = false;
        }

        sb.Append('\n');
    }

    private static string Clean(string s)
    {
        var trimmed = s.Trim();
        return trimmed.Any(char.IsWhiteSpace) ? string.Concat(trimmed.Select(c => char.IsWhiteSpace(c) ? '\u2581' : c)) : trimmed;
    }
}
