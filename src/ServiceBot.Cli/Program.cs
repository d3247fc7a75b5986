using System.CommandLine;
using System.Text;
using ServiceBot.Cli;
using ServiceBot.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.InputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// Every command the tool has, in the order `servicebot --help` lists them.
var root = new RootCommand("ServiceBot: a customer-service chatbot framework.")
{
    RunCommand.Create(),
    ChatCommand.Create(),
    SegmentCommand.Create(),
    KeywordsCommand.Create(),
    FilterCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
    EvalCommand.Create(),
    TestLlmCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (Exception e) when (StartupErrors.Explain(e) is { } message)
{
    // A bad bot folder, option or missing dictionary is the operator's to fix: one clear line, no stack trace.
    await Console.Error.WriteLineAsync("servicebot: " + message).ConfigureAwait(false);
    return 2;
}
