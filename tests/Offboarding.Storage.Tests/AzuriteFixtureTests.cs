using System.Net;
using TestSupport;

namespace Offboarding.Storage.Tests;

public sealed class AzuriteFixtureTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public AzuriteFixtureTests(AzuriteFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Azurite_answers_on_its_queue_port()
    {
        using var http = new HttpClient();
        // An unauthenticated request reaches Azurite and is refused by it, which proves a real server answers.
        using var response = await http.GetAsync(new Uri(_fixture.Azurite.QueueEndpoint + "?comp=list"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
