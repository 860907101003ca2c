using System.Security.Cryptography;
using System.Text;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Tests.Intake;

public sealed class MergeSignatureVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hook\":{},\"data\":{\"id\":\"x\"}}");

    private static string Base64Url(byte[] bytes, bool padded)
    {
        var s = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
        return padded ? s : s.TrimEnd('=');
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Accepts_base64url_with_or_without_padding(bool padded)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("merge-key"), Body);
        Assert.True(new MergeSignatureVerifier(["merge-key"]).Verify(Base64Url(mac, padded), Body).IsValid);
    }

    [Fact]
    public void Accepts_any_active_key_and_refuses_others()
    {
        var signature = MergeSignatureVerifier.Sign("new-key", Body);
        Assert.True(new MergeSignatureVerifier(["old-key", "new-key"]).Verify(signature, Body).IsValid);
        Assert.False(new MergeSignatureVerifier(["old-key"]).Verify(signature, Body).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("AAAA")]
    public void Refuses_missing_or_malformed_signatures(string? signature) =>
        Assert.False(new MergeSignatureVerifier(["k"]).Verify(signature, Body).IsValid);

    [Fact]
    public void Refuses_a_tampered_body()
    {
        var signature = MergeSignatureVerifier.Sign("k", Body);
        Assert.False(new MergeSignatureVerifier(["k"]).Verify(signature, Encoding.UTF8.GetBytes("{}")).IsValid);
    }
}
