using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests;

public sealed class StorageErrorTests : IClassFixture<AzuriteFixture>
{
    // Valid base64, but not the account's key: Azurite refuses the signature.
    private const string WrongKey = "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3Jvbmc=";

    private readonly AzuriteFixture _fixture;

    public StorageErrorTests(AzuriteFixture fixture) => _fixture = fixture;

    private string WrongKeyConnectionString =>
        _fixture.ConnectionString.Replace(AzuriteProcess.AccountKey, WrongKey, StringComparison.Ordinal);

    [Fact]
    public async Task A_wrong_queue_key_fails_with_403_and_the_exception_shows_neither_key_nor_signature()
    {
        var recorder = new AuthorizationRecorder();
        var queue = new QueueClient(WrongKeyConnectionString, AzuriteFixture.UniqueName("auth"), recorder.Options());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
        AssertNoSecrets(error, recorder);
    }

    [Fact]
    public async Task A_wrong_table_key_fails_with_403_and_the_exception_shows_neither_key_nor_signature()
    {
        var recorder = new AuthorizationRecorder();
        var table = new TableClient(WrongKeyConnectionString, AzuriteFixture.UniqueName("auth"), recorder.Options());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        // Azure says AuthenticationFailed; Azurite's table service says AuthorizationFailure.
        Assert.True(error.ErrorCode is "AuthenticationFailed" or "AuthorizationFailure", error.ErrorCode);
        AssertNoSecrets(error, recorder);
    }

    [Fact]
    public async Task The_exception_carries_status_code_request_id_and_operation()
    {
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("errors"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal($"Table '{table.Name}': add entity", error.Operation);
        Assert.Contains("409", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.RequestId!, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<Azure.RequestFailedException>(error);
    }

    private static void AssertNoSecrets(StorageRequestFailedException error, AuthorizationRecorder recorder)
    {
        var signature = recorder.LastSignature ?? throw new InvalidOperationException("No Authorization header was sent.");
        var everything = error.ToString() + error.Message + error.ServiceMessage;
        Assert.DoesNotContain(AzuriteProcess.AccountKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, everything, StringComparison.Ordinal);
    }
}
