namespace Zoho.Crm.Tests.Unit;

public class SecretRedactorTests
{
    [Fact]
    public void Known_secrets_and_remembered_tokens_are_masked()
    {
        var redactor = new SecretRedactor("the-client-secret", "the-refresh-token", null, "");
        redactor.Remember("an-access-token-value");
        var text = redactor.Redact("secret=the-client-secret rt=the-refresh-token at=an-access-token-value ok");
        Assert.Equal("secret=[REDACTED] rt=[REDACTED] at=[REDACTED] ok", text);
    }

    [Fact]
    public void Anything_shaped_like_a_zoho_token_is_masked_even_if_unknown()
    {
        var text = new SecretRedactor().Redact("invalid token 1000.8cb99dabcdef12345678.9b8abcdef123456789 given");
        Assert.Equal("invalid token [REDACTED] given", text);
    }

    [Fact]
    public void Old_tokens_are_forgotten_only_after_several_refreshes()
    {
        var redactor = new SecretRedactor();
        for (var i = 0; i < 8; i++)
        {
            redactor.Remember($"token-number-{i:00}");
        }

        Assert.Equal("[REDACTED]", redactor.Redact("token-number-00"));
        redactor.Remember("token-number-08");
        Assert.Equal("token-number-00", redactor.Redact("token-number-00"));
    }

    [Fact]
    public void Access_token_records_never_print_their_value()
    {
        var token = new ZohoAccessToken("1000.secretvalue123.secretvalue456", DateTimeOffset.UnixEpoch, "https://www.zohoapis.com");
        Assert.DoesNotContain("secretvalue", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secretvalue", $"{token}", StringComparison.Ordinal);
    }
}
