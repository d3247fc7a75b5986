namespace ServiceBot.KbBot.Formats;

/// <summary>FAQ file formats for import and export.</summary>
public enum FaqFileFormat
{
    /// <summary>A JSON array of FAQ entries (camelCase), as in <c>knowledge/*/faq.json</c>.</summary>
    Json = 0,

    /// <summary>One JSON object per line: FAQ entries, or <c>{faq_id, standard_question, similar_questions[]}</c> records.</summary>
    Jsonl,

    /// <summary>Comma-separated values with a header row; multi-valued cells hold one value per line.</summary>
    Csv,

    /// <summary>An Excel workbook with the same columns as CSV on its first sheet.</summary>
    Xlsx,
}
