namespace Offboarding.LocalHost;

/// <summary>Which function app the local host runs: <c>--app offboarding</c> (the default) or <c>--app subscriber</c>.</summary>
public static class LocalApp
{
    private const string Argument = "--app";

    public static bool IsSubscriber(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Argument);
        return index >= 0 && index + 1 < args.Length && args[index + 1] switch
        {
            "subscriber" => true,
            "offboarding" => false,
            var other => throw new ArgumentException($"--app takes 'offboarding' or 'subscriber', not '{other}'.", nameof(args)),
        };
    }

    /// <summary>The arguments without <c>--app NAME</c>, for the web host's own command-line configuration.</summary>
    public static string[] WithoutAppArgument(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Argument);
        return index < 0 ? args : [.. args[..index], .. args[Math.Min(index + 2, args.Length)..]];
    }
}
