using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Tests.Persistence;

public sealed class SealerTests
{
    private const string Token = "1000.6f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f.0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_sealed_value_opens_with_the_same_secret_and_context_and_does_not_show_the_token()
    {
        var sealer = new Sealer("client-secret");

        var sealedValue = sealer.Seal(Token, "row-1");

        Assert.DoesNotContain(Token, sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("6f2a1c0b", sealedValue, StringComparison.Ordinal);
        Assert.Equal(Token, new Sealer("client-secret").TryOpen(sealedValue, "row-1"));
    }

    [Fact]
    public void Sealing_twice_gives_different_values()
    {
        var sealer = new Sealer("client-secret");

        Assert.NotEqual(sealer.Seal(Token, "row-1"), sealer.Seal(Token, "row-1"));
    }

    [Fact]
    public void Another_secret_does_not_open_it()
    {
        var sealedValue = new Sealer("client-secret").Seal(Token, "row-1");

        Assert.Null(new Sealer("rotated-client-secret").TryOpen(sealedValue, "row-1"));
    }

    [Fact]
    public void A_value_moved_to_another_row_does_not_open()
    {
        var sealer = new Sealer("client-secret");

        Assert.Null(sealer.TryOpen(sealer.Seal(Token, "row-1"), "row-2"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Token)]
    [InlineData("v1.")]
    [InlineData("v1.not base64 at all!")]
    [InlineData("v1.AAAA")]
    public void Anything_that_is_not_a_sealed_value_does_not_open(string? value)
    {
        Assert.Null(new Sealer("client-secret").TryOpen(value, "row-1"));
    }

    [Fact]
    public void A_tampered_value_does_not_open()
    {
        var sealer = new Sealer("client-secret");
        var sealedValue = sealer.Seal(Token, "row-1");
        var bytes = Convert.FromBase64String(sealedValue["v1.".Length..]);
        bytes[20] ^= 0x01;

        Assert.Null(sealer.TryOpen("v1." + Convert.ToBase64String(bytes), "row-1"));
    }
}
