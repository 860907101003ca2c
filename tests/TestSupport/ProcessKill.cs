using System.Diagnostics;

namespace TestSupport;

/// <summary>Ends a child process the hard way (SIGKILL, with its children) and waits until it is gone.</summary>
public static class ProcessKill
{
    public static async Task KillAndDisposeAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
