using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TestSupport;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>
/// The function app on the local Functions host as its own OS process (the built Offboarding.LocalHost.dll under
/// <c>dotnet</c>), configured only through environment variables as in a container. A separate process so it can
/// be killed like a crash and so its memory peak (VmHWM) is its own.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    // Fine enough that the start-up time reported is the app's, not the wait between two looks.
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(25);

    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private Process? _process;
    private long _peakBytes;

    private AppProcess(string dll, int port, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        _dll = dll;
        Port = port;
        _environment = environment;
        _logPath = logPath;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>How many times the process was started (1 + restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>When the latest start launched the process (just before the OS was asked to start it).</summary>
    public DateTimeOffset LaunchedAt { get; private set; }

    /// <summary>When the latest start first answered <c>GET /</c>.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    /// <summary>Where the app's console output goes (appended across restarts).</summary>
    public string LogPath => _logPath;

    /// <summary>Starts the app and waits until it answers <c>GET /</c>.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var app = new AppProcess(LocateBuiltApp(), FreePort.Next(), environment, logPath);
        await app.LaunchAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>
    /// The app's build output in the configuration this assembly was built in (a project reference builds it
    /// alongside): <c>tools/Offboarding.LocalHost/bin/{Debug|Release}/net10.0/Offboarding.LocalHost.dll</c>.
    /// </summary>
    public static string LocateBuiltApp()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, "tools", "Offboarding.LocalHost", "bin", configuration, "net10.0", "Offboarding.LocalHost.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The app is not built at {dll}; run 'dotnet build -c {configuration} tools/Offboarding.LocalHost'.", dll);
    }

    /// <summary>Kills the process at once (SIGKILL: no graceful shutdown, like a crashed or evicted instance).</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        SamplePeak();
        await ProcessKill.KillAndDisposeAsync(_process).ConfigureAwait(false);
        _process = null;
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync().ConfigureAwait(false);
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The highest resident set size any run of the process reached (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes
    {
        get
        {
            SamplePeak();
            return Interlocked.Read(ref _peakBytes);
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);

    private void SamplePeak()
    {
        if (_process is { HasExited: false } p && ProcessMemory.HighWaterMarkBytes(p.Id) is { } bytes)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _peakBytes);
            }
            while (bytes > current && Interlocked.CompareExchange(ref _peakBytes, bytes, current) != current);
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        info.ArgumentList.Add(_dll);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_URLS"] = BaseUri.ToString().TrimEnd('/');
        info.Environment["DOTNET_NOLOGO"] = "1";

        LaunchedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(info) ?? throw new InvalidOperationException("The app process did not start.");
        Starts++;
        var log = new StreamWriter(new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        await log.WriteLineAsync($"---- start {Starts} pid {process.Id} at {DateTimeOffset.UtcNow:O}").ConfigureAwait(false);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting; see {_logPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    ReadyAt = DateTimeOffset.UtcNow;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app did not answer GET / within {ReadyTimeout}; see {_logPath}.");
            }

            await Task.Delay(ReadyPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The process exited while a last line was in flight.
        }
    }
}
