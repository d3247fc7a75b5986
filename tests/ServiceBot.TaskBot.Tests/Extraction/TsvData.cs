namespace ServiceBot.TaskBot.Tests.Extraction;

/// <summary>Loads <c>text&lt;TAB&gt;expected</c> rows from the Extraction/Data folder copied next to the test assembly.</summary>
internal static class TsvData
{
    public static TheoryData<string, string> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Extraction", "Data", fileName);
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            // Blank lines and # comments keep the tables readable; they are not rows.
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new InvalidDataException($"{fileName}: no tab in '{line}'");
            }

            data.Add(line[..tab], line[(tab + 1)..].Trim());
        }

        return data;
    }
}
