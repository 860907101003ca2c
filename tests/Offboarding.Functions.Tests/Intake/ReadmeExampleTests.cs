using System.Text;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Tests.Contracts;
using TestSupport;

namespace Offboarding.Functions.Tests.Intake;

public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_canonical_request_example_in_the_readme_is_valid()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("## The offboarding request", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var result = Published.Reader(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Read(Encoding.UTF8.GetBytes(json));

        Assert.Empty(result.Problems);
        Assert.Equal(OffboardingOperation.UserTransferAndDelete, result.Request!.Operation);
        Assert.Equal("liam.carter@northwind.example", result.Request.Employee!.WorkEmail);
    }
}
