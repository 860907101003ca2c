namespace Offboarding.Functions.Tests.Architecture;

/// <summary>The app's feature folders form a one-way graph: no folder depends, directly or round about, on one that depends on it.</summary>
public sealed class FolderDependencyTests
{
    private static readonly Dictionary<string, SortedSet<string>> Graph = Build();

    private static Dictionary<string, SortedSet<string>> Build()
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceTree.Files(SourceTree.AppRoot))
        {
            if (SourceTree.FolderOf(file) is not { } folder)
            {
                continue;
            }

            var uses = graph.TryGetValue(folder, out var set) ? set : graph[folder] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in SourceTree.FoldersUsedBy(file).Where(used => used != folder && used != "Tests"))
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
    public void No_two_folders_depend_on_each_other_directly_or_through_others()
    {
        var cycles = Graph.Keys.Select(CycleFrom).OfType<string>().ToList();

        Assert.True(cycles.Count == 0, "Folder cycles: " + string.Join("; ", cycles) + "\nGraph:\n" + Describe());
    }

    /// <summary>A path that leads from the folder back to itself, or null.</summary>
    private static string? CycleFrom(string start)
    {
        var path = new Stack<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        return Visit(start);

        string? Visit(string folder)
        {
            path.Push(folder);
            foreach (var next in Graph.GetValueOrDefault(folder) ?? [])
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

    private static string Describe() => string.Join('\n', Graph.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  {p.Key} -> {string.Join(", ", p.Value)}"));
}
