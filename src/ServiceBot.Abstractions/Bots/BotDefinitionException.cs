namespace ServiceBot.Abstractions.Bots;

/// <summary>A bot's content (definition, dialogs, word lists, KB) is invalid; the message names the file and place.</summary>
public sealed class BotDefinitionException : Exception
{
    public BotDefinitionException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public BotDefinitionException(string file, int line, string problem, Exception? inner = null)
        : base($"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public int? Line { get; }

    public string Problem { get; }
}
