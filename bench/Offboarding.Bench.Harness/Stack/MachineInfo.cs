using System.Globalization;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>What the results were measured on: logical CPUs, memory and CPU model, from /proc.</summary>
public sealed record MachineInfo(int ProcessorCount, long MemoryBytes, string CpuModel)
{
    public static MachineInfo Current() => new(Environment.ProcessorCount, TotalMemory(), CpuModelName());

    public override string ToString() =>
        $"{ProcessorCount} CPUs (nproc), {(MemoryBytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} GiB RAM, {CpuModel}, {Environment.OSVersion}, .NET {Environment.Version}";

    private static long TotalMemory()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string CpuModelName()
    {
        var line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line.Split(':', 2)[1].Trim();
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
