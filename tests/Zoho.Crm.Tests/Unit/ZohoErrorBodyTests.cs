using System.Text.Json;

namespace Zoho.Crm.Tests.Unit;

public class ZohoErrorBodyTests
{
    [Fact]
    public void Reads_a_top_level_error()
    {
        var body = Parse("""{"code":"INVALID_DATA","details":{"resource_path_index":1},"message":"the id given seems to be invalid","status":"error"}""");
        Assert.True(ZohoErrorBody.TryFind(body, out var error));
        Assert.Equal("INVALID_DATA", error.Code);
        Assert.Equal(1, error.Details!.Value.GetProperty("resource_path_index").GetInt32());
    }

    [Fact]
    public void Reads_an_error_wrapped_in_the_resource_array()
    {
        var body = Parse("""{"transfer_and_delete":[{"code":"EXPECTED_FIELD_MISSING","details":{"expected_data":[]},"message":"m","status":"error"}]}""");
        Assert.True(ZohoErrorBody.TryFind(body, out var error));
        Assert.Equal("EXPECTED_FIELD_MISSING", error.Code);
    }

    [Theory]
    [InlineData("""{"transfer_and_delete":[{"code":"SUCCESS","details":{"jobId":"1"},"message":"ok","status":"success"}]}""")]
    [InlineData("""{"code":"SUCCESS","details":{"id":"1"},"message":"Role Deleted","status":"success"}""")]
    [InlineData("""{"users":[{"id":"1","status":"active"}]}""")]
    [InlineData("""{"transfer_and_delete":[{"status":"completed"}]}""")]
    public void Successes_are_not_errors(string json) => Assert.False(ZohoErrorBody.TryFind(Parse(json), out _));

    [Fact]
    public void The_first_failed_item_is_found_among_successes()
    {
        var body = Parse("""{"users":[{"code":"SUCCESS","status":"success"},{"code":"INVALID_DATA","status":"error","message":"m"}]}""");
        Assert.True(ZohoErrorBody.TryFind(body, out var error));
        Assert.Equal("INVALID_DATA", error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{not json")]
    public void Non_json_bodies_read_as_nothing(string text) =>
        Assert.Null(ZohoJson.Parse(System.Text.Encoding.UTF8.GetBytes(text)));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
