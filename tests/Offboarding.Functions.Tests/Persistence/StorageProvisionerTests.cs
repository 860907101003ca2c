using Microsoft.Extensions.Logging.Abstractions;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Storage;
using TestSupport;

namespace Offboarding.Functions.Tests.Persistence;

/// <summary>The one place the pipeline's queues and tables are created, against a real Azurite.</summary>
/// <remarks>
/// In the pipeline tests' collection, so never beside them: these stop an Azurite of their own and start it again on its
/// ports, and while it is down those ports are free for the operating system to hand to another Azurite starting then
/// (the shared one), whose clients then met this one's restart: queues gone, answers stalled (seen as the job-admission
/// layoff never finishing, and this test's own storage refusing connections).
/// </remarks>
[Collection(EndToEnd.PipelineTestGroup.Name)]
public sealed class StorageProvisionerTests
{
    private static readonly string[] Queues = [StorageNames.RequestQueue, StorageNames.RequestPoisonQueue, StorageNames.EventQueue];
    private static readonly string[] Tables = [StorageNames.OffboardingTable, StorageNames.DueIndexTable, StorageNames.TokenTable, StorageNames.JobSlotTable];

    [Fact]
    public async Task Start_up_creates_every_queue_and_table_before_it_returns()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        using var provisioner = new StorageProvisioner(StorageAccount.Pipeline(azurite.ConnectionString), NullLogger<StorageProvisioner>.Instance);

        await provisioner.StartAsync(CancellationToken.None);

        Assert.Equal((Queues.Length, Tables.Length), await CountExistingAsync(azurite.ConnectionString));
        await provisioner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_storage_down_the_app_still_starts_and_creates_them_once_storage_answers()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.StopAsync();
        using var provisioner = new StorageProvisioner(StorageAccount.Pipeline(azurite.ConnectionString), NullLogger<StorageProvisioner>.Instance);

        await provisioner.StartAsync(CancellationToken.None);
        await azurite.RestartAsync();

        await Eventually.HoldsAsync(
            async () => await CountExistingAsync(azurite.ConnectionString) == (Queues.Length, Tables.Length),
            "the background retry created every queue and table",
            within: TimeSpan.FromSeconds(90));
        await provisioner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Storage_that_stops_answering_during_a_retry_at_start_up_leaves_the_work_to_the_background_retries()
    {
        // The first two connections are dropped (two failed attempts), the later ones never answered: the start-up's
        // patience runs out during the third attempt, after two failures.
        using var storage = new DroppingThenSilentEndpoint(dropped: 2);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteProcess.AccountKey};" +
            $"QueueEndpoint={storage.Uri}devstoreaccount1;TableEndpoint={storage.Uri}devstoreaccount1";
        using var provisioner = new StorageProvisioner(StorageAccount.Pipeline(connection), NullLogger<StorageProvisioner>.Instance);

        await provisioner.StartAsync(CancellationToken.None);

        Assert.True(storage.Connections > 2, $"the start-up made {storage.Connections} attempts; the third was to outlast its patience");
        await provisioner.StopAsync(CancellationToken.None);
    }

    private static async Task<(int Queues, int Tables)> CountExistingAsync(string connectionString)
    {
        var queues = 0;
        foreach (var name in Queues)
        {
            queues += (await StorageAccount.Queues(connectionString).GetQueueClient(name).ExistsAsync()).Value ? 1 : 0;
        }

        var tables = 0;
        await foreach (var table in StorageAccount.Tables(connectionString).QueryAsync(filter: (string?)null))
        {
            tables += Tables.Contains(table.Name) ? 1 : 0;
        }

        return (queues, tables);
    }

    /// <summary>A loopback endpoint that drops its first connections at once and holds the later ones open without a word.</summary>
    private sealed class DroppingThenSilentEndpoint : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly List<System.Net.Sockets.TcpClient> _held = [];
        private readonly int _dropped;
        private int _connections;

        public DroppingThenSilentEndpoint(int dropped)
        {
            _dropped = dropped;
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Uri => new($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    if (Interlocked.Increment(ref _connections) <= _dropped)
                    {
                        client.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                        client.Dispose();
                        continue;
                    }

                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
