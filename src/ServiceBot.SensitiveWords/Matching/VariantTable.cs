using System.Reflection;

namespace ServiceBot.SensitiveWords.Matching;

/// <summary>Reads the variant map (<c>TARGET&lt;TAB&gt;VARIANTS</c> lines) the matcher folds with.</summary>
internal static class VariantTable
{
    private const string ResourceName = "ServiceBot.SensitiveWords.Resources.variants.tsv";

    /// <summary>The map embedded in this assembly from <c>Resources/variants.tsv</c>.</summary>
    public static IReadOnlyDictionary<char, char> LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ResourceName);
    }

    /// <summary>Parses the variant map.</summary>
    /// <exception cref="FormatException">A line is not <c>TARGET&lt;TAB&gt;VARIANTS</c> with a one-character target, or a variant has two targets.</exception>
    public static IReadOnlyDictionary<char, char> Parse(string text, string source)
    {
        var map = new Dictionary<char, char>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab != 1 || line.Length == 2)
            {
                throw new FormatException($"{source}:{lineNumber}: expected TARGET<TAB>VARIANTS with a single-character target.");
            }

            var target = line[0];
            foreach (var variant in line.AsSpan(2))
            {
                if (map.TryGetValue(variant, out var existing) && existing != target)
                {
                    throw new FormatException($"{source}:{lineNumber}: '{variant}' already folds to '{existing}'.");
                }

                map[variant] = target;
            }
        }

        return map;
    }
}
