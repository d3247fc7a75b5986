using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Text;

namespace ServiceBot.Cli;

/// <summary>Tells errors an operator can fix (configuration, bot files, missing data) from bugs.</summary>
internal static class StartupErrors
{
    /// <summary>A one-line explanation for an operator's error, or null for anything else (which keeps its stack trace).</summary>
    public static string? Explain(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        BotDefinitionException or TextDataNotFoundException or InvalidDataException => exception.Message,
        OptionsValidationException options => string.Join("; ", options.Failures),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => exception.Message,
        IOException { InnerException: System.Net.Sockets.SocketException socket } => "cannot listen: " + socket.Message,
        _ => null,
    };
}
