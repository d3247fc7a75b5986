using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Cli.Commands;

/// <summary><c>servicebot eval</c>: quality evaluations on labelled data; each area adds its subcommand here.</summary>
internal static class EvalCommand
{
    /// <summary>How the evaluations print <c>--json</c> reports: NaN stands for "not measured", which plain JSON cannot carry.</summary>
    public static readonly JsonSerializerOptions ReportJson = new(ActivityJson.Options)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create() => new("eval", "Evaluate quality on labelled data.")
    {
        EvalKbCommand.Create(),
        EvalIntentsCommand.Create(),
        EvalChitChatCommand.Create(),
    };
}
