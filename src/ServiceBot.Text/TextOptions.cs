namespace ServiceBot.Text;

/// <summary>
/// Text analysis settings, bound from <c>ServiceBot:Text</c>. Every setting has a working default on a
/// machine set up with <c>scripts/setup.sh runtime</c>.
/// </summary>
public sealed class TextOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ServiceBot:Text";

    /// <summary>
    /// Folder of jieba's data (<c>dict.txt</c>, <c>finalseg/prob_*.py</c>, <c>analyse/idf.txt</c>). Empty: found
    /// automatically (<c>$SERVICEBOT_JIEBA_DIR</c>, then Debian's python3-jieba, then pip locations).
    /// </summary>
    public string? JiebaDirectory { get; set; }

    /// <summary>A different main dictionary in jieba's format (like <c>jieba -D</c>); empty uses the folder's <c>dict.txt</c>.</summary>
    public string? DictionaryFile { get; set; }

    /// <summary>A different IDF table; empty uses the folder's <c>analyse/idf.txt</c>.</summary>
    public string? IdfFile { get; set; }

    /// <summary>User dictionaries loaded at start ("word [freq] [tag]" per line, jieba's format), for every bot.</summary>
    public List<string> UserDictionaries { get; set; } = [];

    /// <summary>
    /// Where the binary dictionary cache is kept. Empty: <c>$XDG_CACHE_HOME/servicebot</c>, else
    /// <c>~/.cache/servicebot</c>, else the temp folder.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether to read and write the binary dictionary cache (cold start from <c>dict.txt</c> otherwise).</summary>
    public bool UseCache { get; set; } = true;

    /// <summary>Whether normalization converts traditional to simplified Chinese (needs OpenCC, Debian <c>libopencc1.1</c>).</summary>
    public bool TraditionalToSimplified { get; set; } = true;

    /// <summary>The OpenCC configuration used for that: a file name under <c>/usr/share/opencc</c> or a full path.</summary>
    public string OpenCcConfig { get; set; } = "t2s.json";

    /// <summary>How many distinct token strings the analyzer shares instead of allocating each time.</summary>
    public int InternCapacity { get; set; } = 200_000;

    internal string? ResolveCacheDirectory()
    {
        if (!UseCache)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(CacheDirectory))
        {
            return Path.GetFullPath(CacheDirectory);
        }

        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "servicebot");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? Path.Combine(Path.GetTempPath(), "servicebot-cache") : Path.Combine(home, ".cache", "servicebot");
    }
}
