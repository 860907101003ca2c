using System.Diagnostics;
using System.Globalization;

namespace Offboarding.Bench.Probes;

/// <summary>
/// CPU time so far, from /proc (no profilers are installed here): the whole machine's busy and total time, the
/// app process's and this process's (sandbox and load generators). Two snapshots give who used the cores between.
/// </summary>
public sealed record CpuSnapshot(DateTimeOffset At, double MachineBusySeconds, double MachineTotalSeconds, double AppSeconds, double BenchSeconds)
{
    // Linux reports /proc times in clock ticks of 1/100 s (USER_HZ).
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int? appProcessId)
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return new CpuSnapshot(
            DateTimeOffset.UtcNow,
            (total - idle) / TicksPerSecond,
            total / TicksPerSecond,
            appProcessId is { } pid ? ProcessSeconds(pid) : 0,
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    /// <summary>Cores in use on average between two snapshots: machine, app, bench process, and everything else.</summary>
    public static (double Machine, double App, double Bench, double Others) CoresBetween(CpuSnapshot from, CpuSnapshot to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var wall = (to.At - from.At).TotalSeconds;
        var machine = (to.MachineBusySeconds - from.MachineBusySeconds) / wall;
        var app = (to.AppSeconds - from.AppSeconds) / wall;
        var bench = (to.BenchSeconds - from.BenchSeconds) / wall;
        return (machine, app, bench, machine - app - bench);
    }

    private static double ProcessSeconds(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(rest[11], CultureInfo.InvariantCulture) + double.Parse(rest[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
