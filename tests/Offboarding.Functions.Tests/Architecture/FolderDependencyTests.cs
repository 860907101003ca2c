namespace Offboarding.Functions.Tests.Architecture;

/// <summary>The apps' feature folders form a one-way graph: no folder depends, directly or round about, on one that depends on it.</summary>
public sealed class FolderDependencyTests
{
    private static readonly Dictionary<string, SortedSet<string>> Graph = Build(SourceTree.AppRoot);

    public static TheoryData<string> AppRoots => new() { SourceTree.AppRoot, SourceTree.SubscriberRoot };

    private static Dictionary<string, SortedSet<string>> Build(string root)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceTree.Files(root))
        {
            if (SourceTree.FolderOf(file, root) is not { } folder)
            {
                continue;
            }

            var uses = graph.TryGetValue(folder, out var set) ? set : graph[folder] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in SourceTree.FoldersUsedBy(file, root).Where(used => used != folder && used != "Tests"))
            {
                uses.Add(used);
            }
        }

        return graph;
    }

    [Fact]
    public void The_app_has_its_feature_folders()
    {
        Assert.Superset(
            new SortedSet<string>(["Domain", "Storage", "Events", "Transfer", "Operators", "Intake", "Contracts", "Http"], StringComparer.Ordinal),
            new SortedSet<string>(Graph.Keys, StringComparer.Ordinal));
    }

    [Fact]
    public void The_domain_depends_on_no_other_folder()
    {
        Assert.Empty(Graph["Domain"]);
    }

    [Fact]
    public void The_subscriber_has_its_feature_folders()
    {
        Assert.Equal(["Chat", "Configuration", "Delivery", "Handling", "Schemas"], Build(SourceTree.SubscriberRoot).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AppRoots))]
    public void No_two_folders_depend_on_each_other_directly_or_through_others(string root)
    {
        var graph = Build(root);
        var cycles = graph.Keys.Select(folder => CycleFrom(graph, folder)).OfType<string>().ToList();

        Assert.True(cycles.Count == 0, "Folder cycles: " + string.Join("; ", cycles) + "\nGraph:\n" + Describe(graph));
    }

    /// <summary>A path that leads from the folder back to itself, or null.</summary>
    private static string? CycleFrom(Dictionary<string, SortedSet<string>> graph, string start)
    {
        var path = new Stack<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        return Visit(start);

        string? Visit(string folder)
        {
            path.Push(folder);
            foreach (var next in graph.GetValueOrDefault(folder) ?? [])
            {
                if (next == start)
                {
                    return string.Join(" -> ", path.Reverse().Append(start));
                }

                if (done.Add(next) && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.Pop();
            return null;
        }
    }

    private static string Describe(Dictionary<string, SortedSet<string>> graph) => string.Join('\n', graph.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  {p.Key} -> {string.Join(", ", p.Value)}"));
}
