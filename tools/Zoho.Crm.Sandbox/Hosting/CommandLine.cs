using System.Globalization;
using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Hosting;

/// <summary>Parses the standalone tool's arguments into <see cref="SandboxOptions"/>.</summary>
public static class CommandLine
{
    public const int DefaultPort = 5080;

    public const string Usage = """
        Zoho CRM sandbox. Options:
          --port <n>               port on 127.0.0.1 (default 5080; 0 = any free port)
          --fixture <path>         org fixture JSON (default: the shipped Northwind org)
          --job-duration <sec>     transfer_and_delete job duration (default 2)
          --job-id <camel|snake|by-version>   jobId, job_id, or job_id only on v8 (default camel)
          --concurrency <n>        concurrent CRM calls allowed (default: the edition's limit)
          --latency <min>-<max>    added latency in ms
          --quiet                  no request logging
        """;

    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions { Port = DefaultPort, ConsoleLogging = true };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--port" => options with { Port = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--fixture" => options with { OrgFixturePath = Value() },
                "--job-duration" => options with { JobDurationSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--job-id" => options with { JobIdSpelling = ParseSpelling(Value()) },
                "--concurrency" => options with { ConcurrencyLimit = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--latency" => WithLatency(options, Value()),
                "--quiet" => options with { ConsoleLogging = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    private static JobIdSpelling ParseSpelling(string value) => value switch
    {
        "camel" => JobIdSpelling.CamelCase,
        "snake" => JobIdSpelling.SnakeCase,
        "by-version" => JobIdSpelling.ByApiVersion,
        _ => throw new ArgumentException($"--job-id must be camel, snake or by-version, not '{value}'."),
    };

    private static SandboxOptions WithLatency(SandboxOptions options, string value)
    {
        var parts = value.Split('-');
        var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var max = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min;
        return options with { LatencyMinMs = min, LatencyMaxMs = max };
    }
}
