using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Tests.Domain;

public sealed class OffboardingIdTests
{
    [Fact]
    public void Same_source_and_event_give_the_same_id_whatever_the_source_case() =>
        Assert.Equal(OffboardingId.From("Workday", "e1"), OffboardingId.From("workday", "e1"));

    [Fact]
    public void Different_events_or_sources_give_different_ids()
    {
        var ids = new[] { OffboardingId.From("a", "b:c"), OffboardingId.From("a:b", "c"), OffboardingId.From("a", "b"), OffboardingId.From("b", "a") };
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_are_well_formed_and_stable()
    {
        var id = OffboardingId.From("hr", "evt-1");
        Assert.True(OffboardingId.IsWellFormed(id));
        Assert.Equal(32, id.Length);
        Assert.Equal(id, OffboardingId.From("hr", "evt-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEF0123456789abcdef0123456789")]
    [InlineData("' or 1 eq 1 or RowKey eq '")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    public void Anything_else_is_not_an_id(string? value) => Assert.False(OffboardingId.IsWellFormed(value));
}
