namespace Zoho.Crm.Tests.Unit;

/// <summary>
/// Requests Zoho would reject are refused before anything is sent. The client points at a closed port with no
/// retries, so a request that slipped through would fail with CLIENT_CONNECTION_FAILED instead.
/// </summary>
public sealed class ClientValidationTests : IDisposable
{
    private readonly ZohoCrmClient _client = new(new ZohoCrmClientOptions
    {
        ClientId = "id",
        ClientSecret = "secret",
        RefreshToken = "refresh",
        AccountsUri = new Uri("http://127.0.0.1:9"),
        ApiUri = new Uri("http://127.0.0.1:9"),
        MaxRetries = 0,
    });

    public static TheoryData<TransferAndDeleteRequest, string, string> BadTransfers => new()
    {
        { new TransferAndDeleteRequest { TransferToUserId = "2" }, "MANDATORY_NOT_FOUND", "UserId" },
        { new TransferAndDeleteRequest { UserId = "  ", TransferToUserId = "2" }, "MANDATORY_NOT_FOUND", "UserId" },
        { new TransferAndDeleteRequest { UserId = "1" }, "EXPECTED_FIELD_MISSING", "SubordinatesTargetUserId" },
        { new TransferAndDeleteRequest { UserId = "1", TransferToUserId = "" }, "MANDATORY_NOT_FOUND", "TransferToUserId" },
        { new TransferAndDeleteRequest { UserId = "1", TransferToUserId = "1" }, "INVALID_DATA", "being deleted" },
        { new TransferAndDeleteRequest { UserId = "1", SubordinatesTargetUserId = "1" }, "INVALID_DATA", "being deleted" },
        { new TransferAndDeleteRequest { UserId = "1/../2", TransferToUserId = "2" }, "MANDATORY_NOT_FOUND", "UserId" },
        { new TransferAndDeleteRequest { UserId = "1", TransferToUserId = "2\n3" }, "MANDATORY_NOT_FOUND", "TransferToUserId" },
    };

    [Theory]
    [MemberData(nameof(BadTransfers))]
    public async Task Transfer_and_delete_problems_are_named_and_nothing_is_sent(TransferAndDeleteRequest request, string code, string mentioned)
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.TransferAndDeleteUserAsync(request));
        AssertClientSide(error, code, mentioned);
    }

    [Fact]
    public async Task All_problems_are_listed_together()
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest()));
        Assert.Contains("UserId", error.Message, StringComparison.Ordinal);
        Assert.Contains("TransferToUserId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "2", "INVALID_DATA", "roleId")]
    [InlineData("1", "", "REQUIRED_PARAM_MISSING", "transferToRoleId")]
    [InlineData("1", "1", "INVALID_DATA", "role being deleted")]
    [InlineData("1 2", "3", "INVALID_DATA", "roleId")]
    public async Task Role_deletion_problems_are_named_and_nothing_is_sent(string roleId, string target, string code, string mentioned)
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.DeleteRoleAsync(roleId, target));
        AssertClientSide(error, code, mentioned);
    }

    [Fact]
    public async Task Portal_transfer_needs_ids()
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.TransferPortalUsersAsync("p", "1", "2", []));
        AssertClientSide(error, "REQUIRED_PARAM_MISSING", "personalityIds");
    }

    [Fact]
    public async Task Portal_transfer_ids_with_commas_are_refused()
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.TransferPortalUsersAsync("p", "1", "2", ["3,4"]));
        AssertClientSide(error, "INVALID_DATA", "'3,4'");
    }

    [Fact]
    public async Task Portal_transfer_to_the_same_type_is_refused()
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.TransferPortalUsersAsync("p", "1", "1", ["3"]));
        AssertClientSide(error, "INVALID_DATA", "already in");
    }

    [Fact]
    public async Task Job_status_needs_a_job_id()
    {
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => _client.GetTransferAndDeleteStatusAsync(" "));
        AssertClientSide(error, "REQUIRED_PARAM_MISSING", "jobId");
    }

    [Fact]
    public async Task A_request_that_passes_validation_does_reach_the_network()
    {
        // Proves the assertions above are meaningful: a valid request fails differently here.
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() =>
            _client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = "1", TransferToUserId = "2" }));
        Assert.False(error.IsClientValidation);
        Assert.Equal(ZohoErrorCodes.ClientConnectionFailed, error.Code);
        Assert.Equal(ZohoErrorClassification.Transient, error.Classification);
    }

    public void Dispose() => _client.Dispose();

    private static void AssertClientSide(ZohoCrmException error, string code, string mentioned)
    {
        Assert.True(error.IsClientValidation);
        Assert.Equal(code, error.Code);
        Assert.Equal(ZohoErrorClassification.Permanent, error.Classification);
        Assert.Null(error.HttpStatus);
        Assert.Equal(0, error.Attempts);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }
}
