using System.Globalization;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>Turns one row of a tabular file (canonical column → cell text) into an FAQ entry, and back.</summary>
internal static class FaqRowMapper
{
    private static readonly char[] TagSeparators = [',', '，', ';', '；', '\n'];

    /// <summary>Maps a row; problems go to <paramref name="issues"/> and make the result null.</summary>
    public static FaqEntry? FromRow(IReadOnlyDictionary<string, string> cells, string location, List<FaqIssue> issues)
    {
        string Cell(string name) => cells.TryGetValue(name, out var v) ? v.Trim() : "";
        var id = Cell(FaqColumns.Id);
        var before = issues.Count;
        if (id.Length == 0)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, null, "the id is empty."));
        }

        var entry = new FaqEntry
        {
            Id = id,
            StandardQuestion = Cell(FaqColumns.StandardQuestion),
            SimilarQuestions = SplitLines(Cell(FaqColumns.SimilarQuestions)),
            Answer = new RichAnswer { Text = Cell(FaqColumns.Answer), Format = Format(Cell(FaqColumns.AnswerFormat), location, id, issues), Buttons = Buttons(Cell(FaqColumns.Buttons)) },
            Category = NullIfEmpty(Cell(FaqColumns.Category)),
            Tags = [.. Cell(FaqColumns.Tags).Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Locale = NullIfEmpty(Cell(FaqColumns.Locale)),
            Enabled = Bool(Cell(FaqColumns.Enabled), location, id, issues),
            ValidFrom = Date(Cell(FaqColumns.ValidFrom), FaqColumns.ValidFrom, location, id, issues),
            ValidTo = Date(Cell(FaqColumns.ValidTo), FaqColumns.ValidTo, location, id, issues),
        };

        foreach (var (column, text) in cells)
        {
            if (column.StartsWith(FaqColumns.ChannelAnswerPrefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(text))
            {
                entry.ChannelAnswers[column[FaqColumns.ChannelAnswerPrefix.Length..]] = new RichAnswer { Text = text.Trim(), Format = entry.Answer.Format };
            }
        }

        return issues.Count > before ? null : entry;
    }

    /// <summary>The cells of an entry under the export columns (plus one column per channel answer).</summary>
    public static Dictionary<string, string> ToRow(FaqEntry entry)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FaqColumns.Id] = entry.Id,
            [FaqColumns.StandardQuestion] = entry.StandardQuestion,
            [FaqColumns.SimilarQuestions] = string.Join('\n', entry.SimilarQuestions),
            [FaqColumns.Answer] = entry.Answer.Text,
            [FaqColumns.AnswerFormat] = entry.Answer.Format,
            [FaqColumns.Buttons] = string.Join('\n', entry.Answer.Buttons.Select(b => b.Value is null || b.Value == b.Title ? b.Title : $"{b.Title} | {b.Value}")),
            [FaqColumns.Category] = entry.Category ?? "",
            [FaqColumns.Tags] = string.Join(", ", entry.Tags),
            [FaqColumns.Locale] = entry.Locale ?? "",
            [FaqColumns.Enabled] = entry.Enabled ? "true" : "false",
            [FaqColumns.ValidFrom] = entry.ValidFrom?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            [FaqColumns.ValidTo] = entry.ValidTo?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };
        foreach (var (channel, answer) in entry.ChannelAnswers)
        {
            row[FaqColumns.ChannelAnswerPrefix + channel] = answer.Text;
        }

        return row;
    }

    /// <summary>Export columns for a set of entries: the fixed ones, then each channel that has answers.</summary>
    public static string[] ColumnsFor(IEnumerable<FaqEntry> entries) =>
        [.. FaqColumns.Export, .. entries.SelectMany(e => e.ChannelAnswers.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => FaqColumns.ChannelAnswerPrefix + c)];

    public static List<string> SplitLines(string cell)
    {
        if (cell.Length == 0)
        {
            return [];
        }

        var parts = cell.Contains('\n', StringComparison.Ordinal) ? cell.Split('\n') : cell.Split('|');
        return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    private static List<AnswerButton> Buttons(string cell) =>
        [.. cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var title = bar < 0 ? line : line[..bar].Trim();
            var value = bar < 0 ? null : line[(bar + 1)..].Trim();
            var url = value is not null && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
            return new AnswerButton { Title = title, Value = value, Type = url ? "openUrl" : "imBack" };
        })];

    private static string Format(string cell, string location, string id, List<FaqIssue> issues)
    {
        if (cell.Length == 0)
        {
            return "plain";
        }

        var lower = cell.ToLowerInvariant();
        if (lower is "plain" or "markdown")
        {
            return lower;
        }

        issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, $"answer_format '{cell}' is not plain or markdown."));
        return "plain";
    }

    private static bool Bool(string cell, string location, string id, List<FaqIssue> issues)
    {
        switch (cell.ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes" or "y" or "是":
                return true;
            case "false" or "0" or "no" or "n" or "否":
                return false;
            default:
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, $"enabled '{cell}' is not true or false."));
                return true;
        }
    }

    private static DateTimeOffset? Date(string cell, string column, string location, string id, List<FaqIssue> issues)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, $"{column} '{cell}' is not a date (use ISO 8601, e.g. 2025-01-31 or 2025-01-31T08:00:00+08:00)."));
        return null;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
