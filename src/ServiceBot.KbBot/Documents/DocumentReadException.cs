namespace ServiceBot.KbBot.Documents;

/// <summary>A document file could not be read; the message names the file and says why.</summary>
public sealed class DocumentReadException : Exception
{
    public DocumentReadException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        FilePath = path;
        Reason = reason;
    }

    public DocumentReadException()
        : this("", "the document could not be read")
    {
    }

    public DocumentReadException(string message)
        : this("", message)
    {
    }

    public DocumentReadException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    public string FilePath { get; }

    public string Reason { get; }
}
