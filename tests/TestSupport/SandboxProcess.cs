using System.Diagnostics;
using System.Globalization;
using Zoho.Crm.Sandbox.Control;

namespace TestSupport;

/// <summary>
/// The sandbox as a separate process (the way the benchmark and the local run drive it): started from the
/// built Zoho.Crm.Sandbox.dll next to the tests, on a free port, stopped on dispose.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Zoho CRM sandbox listening on ";
    private readonly Process _process;

    private SandboxProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Control = new SandboxControlClient(baseUri);
    }

    public Uri BaseUri { get; }

    public SandboxControlClient Control { get; }

    /// <summary>Starts the sandbox with extra command-line options (e.g. "--job-duration", "1").</summary>
    public static async Task<SandboxProcess> StartAsync(IEnumerable<string>? extraArgs = null, CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Zoho.Crm.Sandbox.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(FreePort.Next().ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--quiet");
        foreach (var arg in extraArgs ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The sandbox process did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(ListeningPrefix, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(e.Data[ListeningPrefix.Length..].Trim() + "/"));
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The sandbox process exited with {process.ExitCode}."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUri = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return new SandboxProcess(process, baseUri);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
