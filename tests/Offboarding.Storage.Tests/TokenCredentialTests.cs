using Azure.Core.Pipeline;
using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests;

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

public sealed class TokenCredentialTests : IClassFixture<OAuthAzuriteFixture>
{
    private readonly AzuriteProcess _azurite;

    public TokenCredentialTests(OAuthAzuriteFixture fixture) => _azurite = fixture.Azurite;

    /// <summary>Trusts exactly Azurite's self-signed certificate, nothing else.</summary>
    private StorageClientOptions PinnedOptions(AuthorizationRecorder? recorder = null)
    {
        var tls = _azurite.Tls!;
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => tls.Matches(certificate),
            }),
        };
        options.Retry.MaxRetries = 0;
        return recorder?.Options(options) ?? options;
    }

    [Fact]
    public async Task Queue_operations_work_with_a_bearer_token_for_the_storage_scope()
    {
        var credential = new FakeEntraTokenCredential();
        var recorder = new AuthorizationRecorder();
        // A trailing slash, as settings often carry one, names the same queue.
        var queue = new QueueClient(new Uri($"{_azurite.QueueEndpoint}/{AzuriteFixture.UniqueName("oauth")}/"), credential, PinnedOptions(recorder));

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("via token");
        var message = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.Equal("via token", message.MessageText);
        Assert.False(queue.Uri.AbsoluteUri.EndsWith('/'));
        Assert.Equal("Bearer", recorder.LastScheme);
        Assert.Contains("https://storage.azure.com/.default", credential.RequestedScopes);
        Assert.All(credential.RequestedScopes, s => Assert.Equal("https://storage.azure.com/.default", s));
    }

    [Fact]
    public async Task Table_operations_work_with_a_bearer_token()
    {
        var credential = new FakeEntraTokenCredential();
        var recorder = new AuthorizationRecorder();
        var table = new TableClient(_azurite.TableEndpoint, AzuriteFixture.UniqueName("oauth"), credential, PinnedOptions(recorder));

        await table.CreateIfNotExistsAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, etag);
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "r2"))]);
        var all = await table.QueryAsync().ToListAsync();

        Assert.Equal(2, all.Count);
        Assert.Equal(2, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("V"));
        Assert.Equal("Bearer", recorder.LastScheme);
        Assert.Contains("https://storage.azure.com/.default", credential.RequestedScopes);
    }

    [Fact]
    public async Task Shared_key_still_works_against_the_same_https_azurite()
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("tlskey"), PinnedOptions());

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("via key");

        Assert.Equal("via key", Assert.Single(await queue.PeekMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_the_token_is_not_in_the_exception()
    {
        var credential = new FakeEntraTokenCredential(lifetime: TimeSpan.FromMinutes(-1));
        var queue = new QueueClient(new Uri($"{_azurite.QueueEndpoint}/{AzuriteFixture.UniqueName("expired")}"), credential, PinnedOptions());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.CreateIfNotExistsAsync());

        // Azure answers 401 for a bad token, Azurite 403; both with AuthenticationFailed.
        Assert.True(error.Status is 401 or 403, $"status {error.Status}");
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
        Assert.DoesNotContain(credential.LastToken!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var credential = new FakeEntraTokenCredential(audience: "https://management.azure.com");
        var table = new TableClient(_azurite.TableEndpoint, AzuriteFixture.UniqueName("audience"), credential, PinnedOptions());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.True(error.Status is 401 or 403, $"status {error.Status}");
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    [Fact]
    public async Task A_token_is_never_sent_over_plain_http()
    {
        var queue = new QueueClient(new Uri("http://127.0.0.1:9/devstoreaccount1/plain"), new FakeEntraTokenCredential());

        // Azure.Core's bearer policy refuses before anything goes on the wire.
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CreateIfNotExistsAsync());
    }
}
