using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace TestSupport;

/// <summary>
/// A real Azurite (queue + table services) started from the project's node_modules on free loopback ports.
/// In-memory by default; give a data folder to get persistence that survives <see cref="RestartAsync"/>.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known, public development account key that Azurite ships with.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _dataFolder;
    private readonly SelfSignedCertificate? _tls;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AzuriteProcess(string? dataFolder, int blobPort, int queuePort, int tablePort, SelfSignedCertificate? tls = null)
    {
        _dataFolder = dataFolder;
        _tls = tls;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public Uri BlobEndpoint => new($"{Scheme}://127.0.0.1:{BlobPort}/{AccountName}");
    public Uri QueueEndpoint => new($"{Scheme}://127.0.0.1:{QueuePort}/{AccountName}");
    public Uri TableEndpoint => new($"{Scheme}://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>The server's self-signed certificate when started with <see cref="StartWithOAuthAsync"/>; null over plain HTTP.</summary>
    public SelfSignedCertificate? Tls => _tls;

    private string Scheme => _tls is null ? "http" : "https";

    /// <summary>A full connection string with explicit endpoints, the shape the app reads from AzureWebJobsStorage.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Starts Azurite; <paramref name="dataFolder"/> null means in-memory persistence.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataFolder = null, CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(dataFolder, FreePort.Next(), FreePort.Next(), FreePort.Next());
        await azurite.LaunchAsync(cancellationToken).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>
    /// Starts an in-memory Azurite over HTTPS (a fresh self-signed certificate, see <see cref="Tls"/>) with
    /// <c>--oauth basic</c>, so bearer tokens are accepted besides Shared Key. Azurite then checks a token's issuer,
    /// audience and lifetime, not its signature.
    /// </summary>
    public static async Task<AzuriteProcess> StartWithOAuthAsync(CancellationToken cancellationToken = default)
    {
        var tls = SelfSignedCertificate.CreateForLoopback();
        var azurite = new AzuriteProcess(null, FreePort.Next(), FreePort.Next(), FreePort.Next(), tls);
        try
        {
            await azurite.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the process and starts it again on the same ports (data survives only with a data folder).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the process the orderly way (SIGTERM, as a service manager would) and starts it again on the same
    /// ports. Azurite saves its persistent metadata every 5 s and on shutdown, so unlike <see cref="RestartAsync"/>
    /// (SIGKILL) this keeps every write it acknowledged.
    /// </summary>
    public async Task RestartGracefullyAsync(CancellationToken cancellationToken = default)
    {
        await StopGracefullyAsync().ConfigureAwait(false);
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGTERM, then up to 15 s for Azurite to close its stores; killed if it takes longer.</summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false } running)
        {
            var signal = new ProcessStartInfo("kill") { UseShellExecute = false };
            signal.ArgumentList.Add("-TERM");
            signal.ArgumentList.Add(running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var kill = Process.Start(signal))
            {
                if (kill is not null)
                {
                    await kill.WaitForExitAsync().ConfigureAwait(false);
                }
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await running.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Still closing after 15 s: StopAsync kills it.
            }
        }

        await StopAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        await ProcessKill.KillAndDisposeAsync(_process).ConfigureAwait(false);
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        // A profiled emulator (node's --cpu-prof) writes its profile only when it exits on its own.
        await (Environment.GetEnvironmentVariable("AZURITE_NODE_OPTIONS") is { Length: > 0 } ? StopGracefullyAsync() : StopAsync()).ConfigureAwait(false);
        _tls?.Dispose();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}; run 'npm ci' in {RepositoryRoot.Path}.");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Node options for Azurite alone, space-separated: how the bench profiles the emulator (README, "Benchmark and fault soak").
        foreach (var option in (Environment.GetEnvironmentVariable("AZURITE_NODE_OPTIONS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            info.ArgumentList.Add(option);
        }

        info.ArgumentList.Add(script);
        foreach (var arg in new[]
        {
            // The Azure SDK's queue client speaks a newer service version than Azurite knows; the wire format is the same.
            "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (Environment.GetEnvironmentVariable("AZURITE_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            info.ArgumentList.Add("--debug");
            info.ArgumentList.Add(debugLog + "." + QueuePort);
        }

        if (_tls is not null)
        {
            foreach (var arg in new[] { "--cert", _tls.CertificatePemPath, "--key", _tls.KeyPemPath, "--oauth", "basic" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        if (_dataFolder is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_dataFolder);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_dataFolder);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start listening on port {port}. Output:\n{Output}");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What Azurite printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
