using System.Net.Http.Headers;

namespace Zoho.Crm.Tests.Unit;

public class RetryAfterReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_seconds()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterReader.Read(headers, Now));
    }

    [Fact]
    public void Retry_after_date()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterReader.Read(headers, Now));
    }

    [Fact]
    public void Rate_limit_reset_counts_only_when_nothing_remains()
    {
        var headers = Headers();
        headers.Add("X-RateLimit-Remaining", "0");
        headers.Add("X-RateLimit-Reset", Now.AddSeconds(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfterReader.Read(headers, Now));

        var remaining = Headers();
        remaining.Add("X-RateLimit-Remaining", "3");
        remaining.Add("X-RateLimit-Reset", "12");
        Assert.Null(RetryAfterReader.Read(remaining, Now));
    }

    [Fact]
    public void A_date_in_the_past_means_no_wait()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-30));
        Assert.Equal(TimeSpan.Zero, RetryAfterReader.Read(headers, Now));
    }

    private static HttpResponseHeaders Headers()
    {
        using var response = new HttpResponseMessage();
        return response.Headers;
    }
}
