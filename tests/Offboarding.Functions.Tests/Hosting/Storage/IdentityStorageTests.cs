using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Offboarding.Functions.Storage;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Storage;

/// <summary>Starts Azurite over HTTPS with --oauth basic, the only way it accepts bearer tokens.</summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartWithOAuthAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// The identity-based settings infra/main.bicep gives the app (<c>AzureWebJobsStorage__queueServiceUri</c>,
/// <c>__tableServiceUri</c>, <c>__credential</c>), wired by the app's own registration, against a real Azurite that
/// checks bearer tokens. Only Entra ID is faked (<see cref="FakeEntraTokenCredential"/>): it cannot run here.
/// </summary>
public sealed class IdentityStorageTests(OAuthAzuriteFixture fixture) : IClassFixture<OAuthAzuriteFixture>
{
    [Fact]
    public async Task Service_uris_without_a_connection_string_give_clients_that_use_the_identity_for_the_storage_scope()
    {
        var credential = new FakeEntraTokenCredential();
        await using var provider = Build(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = fixture.Azurite.QueueEndpoint.ToString(),
            ["AzureWebJobsStorage:tableServiceUri"] = fixture.Azurite.TableEndpoint.ToString(),
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        }, credential);
        var factory = provider.GetRequiredService<StorageClientFactory>();
        var storage = provider.GetRequiredService<PipelineStorage>();

        await storage.CreateAsync(CancellationToken.None);
        await storage.Requests.SendMessageAsync("via token");
        await storage.Offboardings.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        Assert.True(factory.UsesIdentity);
        Assert.Equal("via token", Assert.Single((await storage.Requests.PeekMessagesAsync()).Value).MessageText);
        Assert.Equal(1, (await storage.Offboardings.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
        Assert.NotEmpty(credential.RequestedScopes);
        Assert.All(credential.RequestedScopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
    }

    [Fact]
    public async Task A_token_Azurite_refuses_surfaces_as_a_storage_error_without_the_token()
    {
        var credential = new FakeEntraTokenCredential(audience: "https://management.azure.com");
        await using var provider = Build(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = fixture.Azurite.QueueEndpoint.ToString(),
            ["AzureWebJobsStorage:tableServiceUri"] = fixture.Azurite.TableEndpoint.ToString(),
        }, credential);

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => provider.GetRequiredService<PipelineStorage>().CreateAsync(CancellationToken.None));

        Assert.True(error.Status is 401 or 403, $"status {error.Status}");
        Assert.DoesNotContain(credential.LastToken!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_uses_the_account_key_and_never_asks_for_a_token()
    {
        var credential = new FakeEntraTokenCredential();
        await using var provider = Build(new() { ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString }, credential);
        var storage = provider.GetRequiredService<PipelineStorage>();

        await storage.CreateAsync(CancellationToken.None);
        await storage.Events.SendMessageAsync("via key");

        Assert.False(provider.GetRequiredService<StorageClientFactory>().UsesIdentity);
        Assert.Contains((await storage.Events.PeekMessagesAsync(32)).Value, m => m.MessageText == "via key");
        Assert.Empty(credential.RequestedScopes);
    }

    [Fact]
    public void Settings_that_name_no_storage_stop_the_clients_with_a_message_naming_the_settings()
    {
        using var provider = Build(new(), new FakeEntraTokenCredential());

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<QueueServiceClient>());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    // The app's registration, with two test-only overrides: the fake identity, and trust in Azurite's self-signed certificate.
    private ServiceProvider Build(Dictionary<string, string?> settings, FakeEntraTokenCredential credential)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddStorageClients(configuration);
        services.AddSingleton<PipelineStorage>();
        var tls = fixture.Azurite.Tls!;
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(credential);
            clients.ConfigureDefaults(options =>
            {
                options.Retry.MaxRetries = 0;
                options.Transport = new HttpClientTransport(new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, certificate, _, _) => tls.Matches(certificate),
                });
            });
        });
        return services.BuildServiceProvider();
    }
}
