namespace Offboarding.Console.Tests.Browser;

/// <summary>
/// Where Debian's chromium is. Playwright's own browser download cannot reach its servers from these machines, so the
/// tests drive the distribution's browser; ./test.sh installs it (apt-get install chromium) when it is missing.
/// </summary>
internal static class ChromiumLocator
{
    /// <summary>Overrides the search, e.g. for a chromium outside PATH.</summary>
    public const string PathVariable = "CHROMIUM_PATH";

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable} names {configured}, which does not exist.");
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => Names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "No chromium on PATH: the console's browser tests need Debian's chromium. Install it with 'apt-get install -y chromium' " +
            $"(./test.sh does when it can), or set {PathVariable}.");
    }
}
