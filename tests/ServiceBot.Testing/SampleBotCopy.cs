namespace ServiceBot.Testing;

/// <summary>
/// A private copy of the sample shop bot (its bot folder, knowledge, dialogs) in a temporary folder,
/// for tests that edit bot files without affecting any other test. Deleted on dispose.
/// </summary>
public sealed class SampleBotCopy : IDisposable
{
    private static readonly string[] Folders = [Path.Combine("bots", "shop"), Path.Combine("knowledge", "shop"), Path.Combine("dialogs", "shop")];

    public SampleBotCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "servicebot-bot-" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var folder in Folders)
        {
            var from = Path.Combine(SharedData.RepositoryRoot, folder);
            if (!Directory.Exists(from))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Root, folder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    /// <summary>The copy's root, laid out like the repository.</summary>
    public string Root { get; }

    /// <summary>The copy's <c>bots</c> folder, for <see cref="ServiceBotTestServer.StartAsync"/>.</summary>
    public string BotsDirectory => Path.Combine(Root, "bots");

    /// <summary>A path inside the copied bot folder (<c>bots/shop/…</c>).</summary>
    public string BotFile(string relativePath) => Path.Combine(Root, "bots", "shop", relativePath);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
