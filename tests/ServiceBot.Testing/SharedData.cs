namespace ServiceBot.Testing;

/// <summary>
/// Locates the shared evaluation data (<c>../shared/data</c> next to the repository) that tests and
/// evaluations read in place; it is never copied into the project.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootPath = new(Find);

    /// <summary>The <c>shared/data</c> folder, or null when this checkout has none beside it.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The full path of a file under <c>shared/data</c>, or null when the data is not present.</summary>
    public static string? File(string relativePath) =>
        Root is { } root && System.IO.File.Exists(Path.Combine(root, relativePath)) ? Path.Combine(root, relativePath) : null;

    /// <summary>The repository root (the folder holding ServiceBot.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SERVICEBOT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(RepositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ServiceBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests run outside the repository: no ServiceBot.sln above " + AppContext.BaseDirectory);
    }
}
