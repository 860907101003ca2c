using Microsoft.Extensions.Configuration;
using Offboarding.LocalHost;

namespace Offboarding.Functions.Tests.Hosting.LocalHost;

/// <summary>Standalone mode reads a local.settings.json the way Core Tools does, below every other source.</summary>
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("local-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Values_become_settings_and_environment_style_sources_added_later_win()
    {
        var path = Write("""{ "IsEncrypted": false, "Values": { "Zoho__ClientId": "from-file", "Poll__Schedule": "*/5 * * * * *", "Plain": "x" } }""");
        var builder = new ConfigurationBuilder();
        builder.AddInMemoryCollection(new Dictionary<string, string?> { ["Zoho:ClientId"] = "from-environment" });
        builder.AddLocalSettings(path);

        var configuration = builder.Build();

        Assert.Equal("from-environment", configuration["Zoho:ClientId"]);
        Assert.Equal("*/5 * * * * *", configuration["Poll:Schedule"]);
        Assert.Equal("x", configuration["Plain"]);
    }

    [Fact]
    public void The_sample_file_loads_as_it_is()
    {
        var builder = new ConfigurationBuilder();
        builder.AddLocalSettings(Deployment.SampleSettings.Path);

        Assert.Equal("UseDevelopmentStorage=true", builder.Build()["AzureWebJobsStorage"]);
    }

    [Fact]
    public void No_file_adds_nothing()
    {
        var builder = new ConfigurationBuilder();
        builder.AddLocalSettings(Path.Combine(_folder, "absent.json"));

        Assert.Empty(builder.Sources);
    }

    [Fact]
    public void A_broken_file_is_a_clear_error_that_does_not_echo_its_secrets()
    {
        var path = Write("""{ "Values": { "Zoho__ClientSecret": "very-secret-value" """);

        var error = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddLocalSettings(path));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", error.ToString(), StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, LocalSettingsConfiguration.FileName);
        File.WriteAllText(path, json);
        return path;
    }
}
