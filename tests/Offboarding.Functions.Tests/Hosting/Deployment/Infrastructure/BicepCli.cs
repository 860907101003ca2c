using System.Diagnostics;
using System.Reflection;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// The Bicep CLI the test project's restore downloaded (PackageDownload Azure.Bicep.CommandLine.linux-x64 in the csproj;
/// the build records where, as assembly metadata). Runs offline: the resource types are built in.
/// </summary>
internal static class BicepCli
{
    public static string MainBicep => Path.Combine(RepositoryRoot.Path, "infra", "main.bicep");

    private static readonly Lazy<string> Executable = new(Locate);

    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no version check: the tests must not need the network.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable.Value} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran over 2 minutes.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepCli")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at '{path}': the test project's restore downloads it (PackageDownload Azure.Bicep.CommandLine.linux-x64).");
        }

        // The package does not keep the executable bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
