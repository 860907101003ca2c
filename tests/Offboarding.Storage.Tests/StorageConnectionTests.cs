namespace Offboarding.Storage.Tests;

/// <summary>Pure parsing: no server involved, so these are plain unit tests.</summary>
public sealed class StorageConnectionTests
{
    private const string Key = "dGhpcyBpcyBub3QgYSByZWFsIGtleSBidXQgaXQgaXMgYmFzZTY0IQ==";

    [Fact]
    public void Development_storage_expands_to_the_emulator_account_and_loopback_endpoints()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
    }

    [Fact]
    public void Account_name_and_key_give_the_public_cloud_endpoints_over_https_by_default()
    {
        var connection = StorageConnection.Parse($"AccountName=contoso;AccountKey={Key}");

        Assert.Equal(new Uri("https://contoso.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://contoso.table.core.windows.net"), connection.TableEndpoint);
    }

    [Fact]
    public void Protocol_and_suffix_are_honoured_and_names_are_case_insensitive()
    {
        var connection = StorageConnection.Parse($" defaultendpointsprotocol=http ; ACCOUNTNAME=contoso;accountkey={Key};EndpointSuffix=core.chinacloudapi.cn;");

        Assert.Equal(new Uri("http://contoso.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://contoso.table.core.chinacloudapi.cn"), connection.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_over_the_derived_ones()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={Key};QueueEndpoint=http://127.0.0.1:4711/contoso/;TableEndpoint=https://tables.example.net/contoso");

        Assert.Equal(new Uri("http://127.0.0.1:4711/contoso"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://tables.example.net/contoso"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://contoso.blob.core.windows.net"), connection.BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountName=contoso", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=contoso;AccountKey=not*base64!" + "SECRETPART", "base64")]
    [InlineData("AccountName=contoso;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=contoso;AccountKey=" + Key + ";QueueEndpoint=not a uri", "QueueEndpoint")]
    [InlineData("AccountName=contoso;AccountKey=" + Key + ";AccountName=other", "more than once")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("AccountName=contoso;SharedAccessSignature=sv=2020&sig=SECRETPART", "Shared access signature")]
    [InlineData("just garbage", "Name=Value")]
    public void Bad_connection_strings_say_what_is_wrong_without_quoting_secrets(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETPART", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_that_prints_a_connection_shows_the_key()
    {
        var connection = StorageConnection.Parse($"AccountName=contoso;AccountKey={Key}");

        Assert.DoesNotContain(Key, connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, connection.Credential.ToString(), StringComparison.Ordinal);
    }
}
