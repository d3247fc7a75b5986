using System.CommandLine;
using ServiceBot.Abstractions.Bots;
using ServiceBot.TestLlm;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot test-llm</c>: the scriptable OpenAI-compatible test model server on a loopback port,
/// for demos and manual tries of generation without a GPU; runs until Ctrl+C.
/// </summary>
internal static class TestLlmCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Loopback port (default 5090; 0 picks a free one).", DefaultValueFactory = _ => 5090 };
        var script = new Option<FileInfo?>("--script", "-s") { Description = "A script (YAML or JSON: model, rules, nli) saying how to answer; without one every request gets a grounded reply." };
        var command = new Command("test-llm", "Run the scriptable test model server (OpenAI chat completions, streaming, errors, /predict) for demos.") { port, script };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TestLlmScript? loaded = null;
            if (parse.GetValue(script) is { } file)
            {
                try
                {
                    loaded = TestLlmScript.Load(file.FullName);
                }
                catch (BotDefinitionException e)
                {
                    await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                    return 2;
                }
            }

            var server = await TestLlmServer.StartAsync(loaded, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                Console.WriteLine($"test model server at {server.BaseAddress} (model '{server.Script.Model}', {server.Script.Rules.Count} rule(s)); Ctrl+C stops it.");
                Console.WriteLine($"  ./servicebot run --ServiceBot:Llm:Endpoint={server.BaseAddress} --ServiceBot:Llm:Model={server.Script.Model}");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the server stops as it is disposed.
                }
            }

            return 0;
        });
        return command;
    }
}
