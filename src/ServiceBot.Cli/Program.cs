using System.CommandLine;
using System.Text;
using ServiceBot.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.InputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// Every command the tool has, in the order `servicebot --help` lists them.
var root = new RootCommand("ServiceBot: a customer-service chatbot framework.")
{
    RunCommand.Create(),
    ChatCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
