using System.Globalization;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>Reads a process's memory figures from Linux's /proc (no diagnostics tools are installed here).</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM, the peak resident set size, in bytes; null when /proc does not say (process gone, not Linux).</summary>
    public static long? HighWaterMarkBytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
