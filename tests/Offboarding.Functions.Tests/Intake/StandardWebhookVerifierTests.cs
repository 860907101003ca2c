using System.Security.Cryptography;
using System.Text;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Tests.Intake;

public sealed class StandardWebhookVerifierTests
{
    // Near the real time: the library checks timestamps against the system clock as well as ours.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly string SecretA = "whsec_" + Convert.ToBase64String(KeyA);
    private static readonly string SecretB = "whsec_" + Convert.ToBase64String(KeyB);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"source\":\"hr\",\"sourceEventId\":\"e1\"}");

    // Computed here, independently of the production code: HMAC-SHA256(key, "id.ts.body"), base64.
    private static string Expected(byte[] key, string id, long ts, byte[] body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{ts}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    private static StandardWebhookVerifier Verifier(params string[] secrets) => Verifier(TimeSpan.FromMinutes(2), Now, secrets);

    private static StandardWebhookVerifier Verifier(TimeSpan tolerance, DateTimeOffset now, params string[] secrets) =>
        new(secrets.Select(WebhookSecret.Parse), tolerance, new FixedTime(now));

    [Fact]
    public void Accepts_a_known_answer_signature()
    {
        var signature = Expected(KeyA, "msg_1", Now.ToUnixTimeSeconds(), Body);
        Assert.True(Verifier(SecretA).Verify("msg_1", Now.ToUnixTimeSeconds().ToString(), signature, Body).IsValid);
    }

    [Fact]
    public void Signer_matches_the_independent_computation()
    {
        var signature = StandardWebhookSigner.Sign(WebhookSecret.Parse(SecretA), "msg_1", Now, Body);
        Assert.Equal(Expected(KeyA, "msg_1", Now.ToUnixTimeSeconds(), Body), signature);
    }

    [Fact]
    public void Accepts_when_any_of_several_signatures_matches_any_active_secret()
    {
        var ts = Now.ToUnixTimeSeconds();
        var header = $"v1a,AAAA v1,{Convert.ToBase64String(new byte[32])} {Expected(KeyB, "msg_1", ts, Body)}";
        Assert.True(Verifier(SecretA, SecretB).Verify("msg_1", ts.ToString(), header, Body).IsValid);
    }

    [Fact]
    public void Secret_without_prefix_is_accepted()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.True(Verifier(Convert.ToBase64String(KeyA)).Verify("m", ts.ToString(), Expected(KeyA, "m", ts, Body), Body).IsValid);
    }

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    [InlineData(-100_000)]
    public void Refuses_timestamps_outside_tolerance(int offsetSeconds)
    {
        var ts = Now.ToUnixTimeSeconds() + offsetSeconds;
        var check = Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), Body);
        Assert.False(check.IsValid);
        Assert.Contains("minutes", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-119)]
    [InlineData(119)]
    public void Accepts_timestamps_inside_tolerance(int offsetSeconds)
    {
        var ts = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.True(Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), Body).IsValid);
    }

    [Fact]
    public void Refuses_a_tampered_body()
    {
        var ts = Now.ToUnixTimeSeconds();
        var tampered = Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), tampered).IsValid);
    }

    [Fact]
    public void Refuses_a_signature_made_with_another_secret()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.False(Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyB, "msg_1", ts, Body), Body).IsValid);
    }

    [Fact]
    public void Refuses_a_signature_for_another_message_id()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.False(Verifier(SecretA).Verify("msg_2", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), Body).IsValid);
    }

    [Theory]
    [InlineData(null, "1767225600", "v1,xx")]
    [InlineData("msg", null, "v1,xx")]
    [InlineData("msg", "1767225600", null)]
    [InlineData("msg", "17672256.0", "v1,AAAA")]
    [InlineData("msg", "-1767225600", "v1,AAAA")]
    [InlineData("m.sg", "1767225600", "v1,AAAA")]
    [InlineData("msg", "1767225600", "v2,AAAA")]
    [InlineData("msg", "1767225600", "v1,not base64!")]
    [InlineData("msg", "1767225600", "v1")]
    public void Refuses_malformed_headers(string? id, string? ts, string? signature)
    {
        var check = Verifier(SecretA).Verify(id, ts, signature, Body);
        Assert.False(check.IsValid);
        Assert.False(string.IsNullOrEmpty(check.Problem));
    }

    [Fact]
    public void Refuses_everything_when_no_secret_is_configured()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.False(Verifier().Verify("m", ts.ToString(), Expected(KeyA, "m", ts, Body), Body).IsValid);
    }

    [Fact]
    public void Problems_never_quote_the_secret_or_the_signature()
    {
        var ts = Now.ToUnixTimeSeconds();
        var signature = Expected(KeyB, "m", ts, Body);
        var check = Verifier(SecretA).Verify("m", ts.ToString(), signature, Body);
        Assert.DoesNotContain(Convert.ToBase64String(KeyA), check.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(signature[3..], check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("whsec_!!!")]
    [InlineData("whsec_AAAA")]
    public void Bad_secrets_are_refused_without_echoing_them(string secret)
    {
        var ex = Assert.Throws<FormatException>(() => WebhookSecret.Parse(secret));
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_of_several_signatures_is_checked_too()
    {
        // StandardWebhooks 1.1.2 alone never checks the last signature of a header holding several.
        var ts = Now.ToUnixTimeSeconds();
        var header = $"{Expected(KeyB, "msg_1", ts, Body)} {Expected(KeyA, "msg_1", ts, Body)}";
        Assert.True(Verifier(SecretA).Verify("msg_1", ts.ToString(), header, Body).IsValid);
    }

    [Fact]
    public void An_entry_without_a_scheme_does_not_hide_a_good_signature_after_it()
    {
        var ts = Now.ToUnixTimeSeconds();
        var header = $"garbage {Expected(KeyA, "msg_1", ts, Body)}";
        Assert.True(Verifier(SecretA).Verify("msg_1", ts.ToString(), header, Body).IsValid);
    }

    [Fact]
    public void The_injected_clock_decides_whether_a_timestamp_is_stale()
    {
        // Signed at the real time, but the server's clock says ten minutes later.
        var ts = Now.ToUnixTimeSeconds();
        var check = Verifier(TimeSpan.FromMinutes(5), Now.AddMinutes(10), SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), Body);
        Assert.False(check.IsValid);
        Assert.Contains("minutes from the server's time", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_utf8_is_refused_not_altered()
    {
        var ts = Now.ToUnixTimeSeconds();
        byte[] latin1 = [(byte)'{', 0xE9, (byte)'}'];
        var check = Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, latin1), latin1);
        Assert.False(check.IsValid);
        Assert.Contains("UTF-8", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sender_s_bytes_are_verified_as_sent_byte_order_mark_included()
    {
        var ts = Now.ToUnixTimeSeconds();
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Body];
        Assert.True(Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, withBom), withBom).IsValid);
        Assert.False(Verifier(SecretA).Verify("msg_1", ts.ToString(), Expected(KeyA, "msg_1", ts, Body), withBom).IsValid);
    }

    [Fact]
    public void A_tolerance_beyond_the_library_s_five_minutes_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Verifier(TimeSpan.FromMinutes(6), Now, SecretA));
}
