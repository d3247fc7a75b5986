using Microsoft.Extensions.Options;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text;

/// <summary>Checks at start that the configured text data exists, so a missing dictionary fails the host, not the first turn.</summary>
internal sealed class TextOptionsValidator : IValidateOptions<TextOptions>
{
    public ValidateOptionsResult Validate(string? name, TextOptions options)
    {
        var failures = new List<string>();
        try
        {
            _ = JiebaDataLocator.Locate(options);
        }
        catch (TextDataNotFoundException e)
        {
            failures.Add(e.Message);
        }

        foreach (var file in options.UserDictionaries)
        {
            if (!File.Exists(file))
            {
                failures.Add($"ServiceBot:Text:UserDictionaries: {Path.GetFullPath(file)} does not exist.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.IdfFile) && !File.Exists(options.IdfFile))
        {
            failures.Add($"ServiceBot:Text:IdfFile: {Path.GetFullPath(options.IdfFile)} does not exist.");
        }

        if (options.InternCapacity < 0)
        {
            failures.Add("ServiceBot:Text:InternCapacity cannot be negative.");
        }

        if (options.TraditionalToSimplified && string.IsNullOrWhiteSpace(options.OpenCcConfig))
        {
            failures.Add("ServiceBot:Text:OpenCcConfig is empty; name an OpenCC configuration such as t2s.json.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
