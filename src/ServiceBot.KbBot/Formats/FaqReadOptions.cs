namespace ServiceBot.KbBot.Formats;

/// <summary>How FAQ files are read and validated.</summary>
public sealed class FaqReadOptions
{
    /// <summary>Files larger than this are refused before parsing (the default of <c>ServiceBot:KbBot:MaxImportBytes</c>).</summary>
    public long MaxBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Accept entries without an answer (question-only sets such as evaluation KBs).</summary>
    public bool AllowEmptyAnswers { get; init; }

    /// <summary>Folds questions before duplicate checks (e.g. the text analyzer's normalization); trimmed lower case when null.</summary>
    public Func<string, string>? Normalize { get; init; }

    /// <summary>Receives progress in [0, 1] while reading.</summary>
    public IProgress<double>? Progress { get; init; }
}
