namespace ServiceBot.KbBot.Evaluation;

/// <summary>An evaluation file is missing or malformed; the message names the file and the line.</summary>
public sealed class KbEvalFileException : Exception
{
    public KbEvalFileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
