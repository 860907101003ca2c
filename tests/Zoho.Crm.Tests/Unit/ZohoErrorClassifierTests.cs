using System.Text.Json;
using Zoho.Crm.Tests.Support;

namespace Zoho.Crm.Tests.Unit;

public class ZohoErrorClassifierTests
{
    [Theory]
    [MemberData(nameof(SeedErrorCatalog.Rows), MemberType = typeof(SeedErrorCatalog))]
    public void Every_documented_error_has_its_own_row_and_the_expected_classification(SeedError row)
    {
        Assert.True(ZohoErrorClassifier.IsKnown(row.Code), $"{row.Code} falls back on the HTTP status instead of a table row");
        var (operation, details) = Context(row);
        Assert.Equal(row.Expected, ZohoErrorClassifier.Classify(row.Code, row.HttpStatus, details, operation));
    }

    [Theory]
    [InlineData("""{"resource_path_index":1,"owner_status":"deleted"}""", ZohoErrorClassification.AlreadyDone)]
    [InlineData("""{"api_name":"id","json_path":"$.transfer_and_delete.id","owner_status":"deleted"}""", ZohoErrorClassification.AlreadyDone)]
    [InlineData("""{"api_name":"id","json_path":"$.transfer_and_delete[0].id","owner_status":"deleted"}""", ZohoErrorClassification.AlreadyDone)]
    [InlineData("""{"api_name":"id","json_path":"$.transfer_and_delete.transfer.id","owner_status":"deleted"}""", ZohoErrorClassification.Permanent)]
    [InlineData("""{"api_name":"id","json_path":"$.transfer_and_delete.move_subordinate.id","owner_status":"deleted"}""", ZohoErrorClassification.Permanent)]
    [InlineData("""{"api_name":"id","json_path":"$.transfer_and_delete.id","owner_status":"inactive"}""", ZohoErrorClassification.Permanent)]
    [InlineData("""{"resource_path_index":1}""", ZohoErrorClassification.Permanent)]
    public void Already_deleted_is_done_only_when_it_is_the_user_being_deleted(string detailsJson, ZohoErrorClassification expected)
    {
        var details = JsonDocument.Parse(detailsJson).RootElement;
        Assert.Equal(expected, ZohoErrorClassifier.Classify("INVALID_DATA", 400, details, ZohoOperation.TransferAndDeleteUser));
    }

    [Fact]
    public void Already_deleted_details_on_other_operations_stay_permanent()
    {
        var details = JsonDocument.Parse("""{"resource_path_index":1,"owner_status":"deleted"}""").RootElement;
        Assert.Equal(ZohoErrorClassification.Permanent, ZohoErrorClassifier.Classify("INVALID_DATA", 400, details, ZohoOperation.DeleteRole));
    }

    [Theory]
    [InlineData("SOMETHING_NEW", 503, ZohoErrorClassification.Transient)]
    [InlineData("SOMETHING_NEW", 500, ZohoErrorClassification.Transient)]
    [InlineData("SOMETHING_NEW", 429, ZohoErrorClassification.Transient)]
    [InlineData("SOMETHING_NEW", 408, ZohoErrorClassification.Transient)]
    [InlineData("SOMETHING_NEW", 400, ZohoErrorClassification.Permanent)]
    [InlineData("SOMETHING_NEW", 404, ZohoErrorClassification.Permanent)]
    [InlineData("HTTP_502", 502, ZohoErrorClassification.Transient)]
    public void Unknown_codes_fall_back_on_the_status_line(string code, int status, ZohoErrorClassification expected) =>
        Assert.Equal(expected, ZohoErrorClassifier.Classify(code, status, null, ZohoOperation.GetUsers));

    [Theory]
    [InlineData(ZohoErrorCodes.ClientTimeout, ZohoErrorClassification.Transient)]
    [InlineData(ZohoErrorCodes.ClientConnectionFailed, ZohoErrorClassification.Transient)]
    [InlineData(ZohoErrorCodes.OAuthAccessDenied, ZohoErrorClassification.Transient)]
    [InlineData(ZohoErrorCodes.OAuthInvalidCode, ZohoErrorClassification.Permanent)]
    [InlineData(ZohoErrorCodes.OAuthInvalidClient, ZohoErrorClassification.Permanent)]
    [InlineData(ZohoErrorCodes.ClientUserAlreadyDeleted, ZohoErrorClassification.AlreadyDone)]
    public void Client_and_oauth_codes_are_classified(string code, ZohoErrorClassification expected) =>
        Assert.Equal(expected, ZohoErrorClassifier.Classify(code, null, null, ZohoOperation.RefreshAccessToken));

    [Fact]
    public void The_message_plays_no_part()
    {
        var a = new ZohoCrmException("INVALID_DATA", "x", ZohoOperation.DeleteRole, 400, "the user id provided is already deleted.");
        var b = new ZohoCrmException("INTERNAL_ERROR", "x", ZohoOperation.DeleteRole, 500, "invalid data");
        Assert.Equal(ZohoErrorClassification.Permanent, a.Classification);
        Assert.Equal(ZohoErrorClassification.Transient, b.Classification);
    }

    private static (ZohoOperation Operation, JsonElement? Details) Context(SeedError row)
    {
        var operation = row.Page switch
        {
            "transfer-users-and-delete-role" => ZohoOperation.DeleteRole,
            "transfer-users-of-a-user-type" => ZohoOperation.TransferPortalUsers,
            "transfer-and-delete-user-status" => ZohoOperation.GetTransferAndDeleteStatus,
            _ => ZohoOperation.TransferAndDeleteUser,
        };
        var details = row.Key switch
        {
            "transfer.user-already-deleted" => """{"resource_path_index":1,"owner_status":"deleted"}""",
            "transfer.target-already-deleted" => """{"api_name":"id","json_path":"$.transfer_and_delete.transfer.id","owner_status":"deleted"}""",
            "transfer.not-crm-user" => """{"api_name":"id","json_path":"$.transfer_and_delete.id","owner_status":"not_crm_user"}""",
            "transfer.subordinate-target-inactive" => """{"api_name":"id","json_path":"$.transfer_and_delete.move_subordinate.id","owner_status":"inactive"}""",
            _ => null,
        };
        return (operation, details is null ? null : JsonDocument.Parse(details).RootElement);
    }
}
