using System.Xml.Linq;
using ServiceBot.Testing;

namespace ServiceBot.Server.Tests;

/// <summary>
/// The layering of STYLE.md, checked on the project files: contracts depend on nothing of ours,
/// stages and responders on contracts and text processing only (never on each other, Core, Redis or
/// storage), and the server is the only composition root.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] StageAndResponderProjects =
        ["ServiceBot.Funnel", "ServiceBot.SensitiveWords", "ServiceBot.KbBot", "ServiceBot.TaskBot", "ServiceBot.ChatBot", "ServiceBot.Channels"];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["ServiceBot.Abstractions"] = [],
        ["ServiceBot.Text"] = ["ServiceBot.Abstractions"],
        ["ServiceBot.Content"] = ["ServiceBot.Abstractions"],
        ["ServiceBot.Retrieval"] = ["ServiceBot.Abstractions", "ServiceBot.Text"],
        ["ServiceBot.Core"] = ["ServiceBot.Abstractions", "ServiceBot.Content"],
        ["ServiceBot.Storage"] = ["ServiceBot.Abstractions"],
        ["ServiceBot.Redis"] = ["ServiceBot.Abstractions"],
    };

    private static readonly string[] ResponderAllowed = ["ServiceBot.Abstractions", "ServiceBot.Text", "ServiceBot.Content", "ServiceBot.Retrieval"];

    public static TheoryData<string> SourceProjects() =>
        [.. Directory.GetDirectories(Path.Combine(SharedData.RepositoryRoot, "src")).Select(Path.GetFileName).OfType<string>().Where(p => File.Exists(ProjectFile(p))).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferencesFollowTheLayering(string project)
    {
        var references = ProjectReferences(project);
        if (Allowed.TryGetValue(project, out var allowed) || (StageAndResponderProjects.Contains(project, StringComparer.Ordinal) && (allowed = ResponderAllowed) is not null))
        {
            var forbidden = references.Except(allowed, StringComparer.Ordinal).ToList();
            Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)} (allowed: {string.Join(", ", allowed)}).");
        }
        else
        {
            Assert.True(project is "ServiceBot.Server" or "ServiceBot.Cli" || project.StartsWith("ServiceBot.Sample", StringComparison.Ordinal) || project.StartsWith("ServiceBot.TestLlm", StringComparison.Ordinal),
                $"{project} has no layering rule; add it to {nameof(DependencyRulesTests)}.");
        }
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void OnlyTheStoreProjectsTalkToRedisOrSql(string project)
    {
        var packages = PackageReferences(project);
        if (project != "ServiceBot.Redis")
        {
            Assert.DoesNotContain("StackExchange.Redis", packages);
        }

        if (project != "ServiceBot.Storage")
        {
            Assert.DoesNotContain("Microsoft.Data.Sqlite", packages);
            Assert.DoesNotContain("Npgsql", packages);
        }
    }

    [Fact]
    public void OnlyTheServerAndTheCommandComposeTheApplication()
    {
        var composers = SourceProjects().Select(row => (string)row.Data)
            .Where(p => ProjectReferences(p).Contains("ServiceBot.Core", StringComparer.Ordinal))
            .ToList();
        Assert.Equal(["ServiceBot.Server"], composers);

        // Besides the server, the command only starts the sample shop backend, a separate HTTP service
        // that knows nothing of ServiceBot (it references no ServiceBot project), and the test model
        // server for demos (servicebot test-llm), which references only content loading.
        Assert.Equal(["ServiceBot.Server", "ServiceBot.SampleBackend", "ServiceBot.TestLlm"], ProjectReferences("ServiceBot.Cli"));
        Assert.Empty(ProjectReferences("ServiceBot.SampleBackend"));
    }

    [Fact]
    public void NoProductCodeReferencesTests()
    {
        foreach (var row in SourceProjects())
        {
            var project = (string)row.Data;
            Assert.DoesNotContain(ProjectReferences(project), r => r.Contains("Test", StringComparison.Ordinal) && !r.StartsWith("ServiceBot.TestLlm", StringComparison.Ordinal));
        }
    }

    private static string ProjectFile(string project) => Path.Combine(SharedData.RepositoryRoot, "src", project, project + ".csproj");

    private static List<string> ProjectReferences(string project) =>
        [.. XDocument.Load(ProjectFile(project)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))];

    private static List<string> PackageReferences(string project) =>
        [.. XDocument.Load(ProjectFile(project)).Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value)];
}
