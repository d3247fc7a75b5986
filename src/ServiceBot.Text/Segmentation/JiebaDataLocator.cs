namespace ServiceBot.Text.Segmentation;

/// <summary>
/// Finds jieba's data: the folder configured in <see cref="TextOptions.JiebaDirectory"/>, else
/// <c>$SERVICEBOT_JIEBA_DIR</c>, else where Debian's <c>python3-jieba</c> (or a pip install) puts it.
/// </summary>
internal static class JiebaDataLocator
{
    public const string EnvironmentVariable = "SERVICEBOT_JIEBA_DIR";

    /// <summary>Locates the files, or throws with every path tried and how to install them.</summary>
    /// <exception cref="TextDataNotFoundException">No candidate folder holds the dictionary and the HMM tables.</exception>
    public static JiebaDataFiles Locate(TextOptions options)
    {
        var tried = new List<string>();
        foreach (var folder in CandidateFolders(options))
        {
            var files = JiebaDataFiles.InFolder(folder, NullIfEmpty(options.DictionaryFile), NullIfEmpty(options.IdfFile));
            var missing = files.SegmentationFiles.FirstOrDefault(f => !File.Exists(f));
            if (missing is null)
            {
                return files;
            }

            tried.Add(missing);
        }

        throw new TextDataNotFoundException(
            $"jieba's dictionary was not found (tried {string.Join(", ", tried)}). Install it with `apt-get install python3-jieba` " +
            "(or run `scripts/setup.sh runtime`), or set ServiceBot:Text:JiebaDirectory to a folder holding dict.txt and finalseg/prob_*.py.",
            tried);
    }

    private static IEnumerable<string> CandidateFolders(TextOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.JiebaDirectory))
        {
            yield return Path.GetFullPath(options.JiebaDirectory);
            yield break;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            yield return Path.GetFullPath(fromEnvironment);
        }

        yield return "/usr/lib/python3/dist-packages/jieba";
        foreach (var root in new[] { "/usr/local/lib", "/usr/lib" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var python in Directory.EnumerateDirectories(root, "python3*").Order(StringComparer.Ordinal))
            {
                yield return Path.Combine(python, "dist-packages", "jieba");
                yield return Path.Combine(python, "site-packages", "jieba");
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
