using System.Text.RegularExpressions;
using TestSupport;

namespace Offboarding.Functions.Tests.Architecture;

/// <summary>The production source files, read as text: what the architecture tests measure.</summary>
internal static partial class SourceTree
{
    public const string AppRoot = "functions/Offboarding.Functions";

    /// <summary>The sample subscriber, a second function app with feature folders of its own.</summary>
    public const string SubscriberRoot = "functions/Offboarding.Subscriber";

    public static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, root), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The app's feature folder a file lies in, or null for the composition root.</summary>
    public static string? FolderOf(string path, string root = AppRoot)
    {
        var relative = Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, root), path);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    /// <summary>The app folders a file uses: its using directives and fully qualified names, comments left out.</summary>
    public static IEnumerable<string> FoldersUsedBy(string path, string root = AppRoot)
    {
        var code = string.Join('\n', File.ReadLines(path).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        var pattern = root == AppRoot ? AppNamespace() : SubscriberNamespace();
        return pattern.Matches(code).Select(match => match.Groups["folder"].Value).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\bOffboarding\.Functions\.(?<folder>[A-Z][A-Za-z]*)\b")]
    private static partial Regex AppNamespace();

    [GeneratedRegex(@"\bOffboarding\.Subscriber\.(?<folder>[A-Z][A-Za-z]*)\b")]
    private static partial Regex SubscriberNamespace();
}
