using System.CommandLine;

namespace ServiceBot.Cli.Commands;

/// <summary><c>servicebot eval</c>: quality evaluations on labelled data; each area adds its subcommand here.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Evaluate quality on labelled data.")
    {
        EvalKbCommand.Create(),
        EvalIntentsCommand.Create(),
        EvalChitChatCommand.Create(),
    };
}
