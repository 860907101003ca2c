namespace Zoho.Crm.Tests.Unit;

public class ZohoCrmClientOptionsTests
{
    private static ZohoCrmClientOptions Valid() => new() { ClientId = "id", ClientSecret = "client-secret-value", RefreshToken = "refresh-token-value" };

    [Fact]
    public void Defaults_are_valid_and_stay_under_the_smallest_edition_limit()
    {
        var options = Valid();
        options.Validate();
        Assert.True(options.MaxConcurrency < 5);
        Assert.Equal("v8", options.ApiVersion);
    }

    [Fact]
    public void Every_problem_is_listed_and_no_secret_value_is_echoed()
    {
        var options = new ZohoCrmClientOptions
        {
            ClientSecret = "client-secret-value",
            ApiVersion = "v9",
            MaxConcurrency = 0,
            RequestTimeout = TimeSpan.Zero,
            ApiUri = new Uri("ftp://example.com"),
        };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("ClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("RefreshToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiUri", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v2.1")]
    [InlineData("v3")]
    [InlineData("v7")]
    [InlineData("v8")]
    public void Api_versions_v2_to_v8_are_accepted(string version)
    {
        var options = Valid();
        options.ApiVersion = version;
        options.Validate();
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v9")]
    [InlineData("8")]
    [InlineData("v8/../x")]
    [InlineData("")]
    public void Other_api_versions_are_rejected(string version)
    {
        var options = Valid();
        options.ApiVersion = version;
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void The_worst_case_call_duration_counts_every_attempt_every_wait_and_the_reads_before_resends()
    {
        var options = Valid();
        options.RequestTimeout = TimeSpan.FromSeconds(10);
        options.MaxRetries = 2;
        options.RetryMaxDelay = TimeSpan.FromSeconds(3);
        options.MaxRetryAfter = TimeSpan.FromSeconds(5);
        options.ResubmitTransferAfterUnknownOutcome = false;

        // One call: 3 attempts x 10 s + 2 waits x 5 s (a Retry-After up to MaxRetryAfter) = 40 s. With resubmission off
        // an unknown outcome ends the call unread, so nothing more.
        Assert.Equal(TimeSpan.FromSeconds(40), options.WorstCaseCallDuration);

        // Resending after each unknown outcome: a read before each of the 2 retries, each a call of up to 40 s.
        options.ResubmitTransferAfterUnknownOutcome = true;
        Assert.Equal(TimeSpan.FromSeconds(120), options.WorstCaseCallDuration);

        // No retries: one attempt, and a RequestTimeout above HttpClient's default 100 s is taken as it is.
        options.MaxRetries = 0;
        options.RequestTimeout = TimeSpan.FromMinutes(5);
        Assert.Equal(TimeSpan.FromMinutes(5), options.WorstCaseCallDuration);
    }

    [Fact]
    public void The_defaults_give_a_worst_case_call_duration_within_an_hour() =>
        Assert.InRange(Valid().WorstCaseCallDuration, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
}
