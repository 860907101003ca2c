using System.Text.RegularExpressions;
using Offboarding.Functions.Configuration;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>The settings the app reads, local.settings.sample.json and infra/main.bicep name the same settings.</summary>
public sealed partial class AppSettingsTests
{
    /// <summary>Read by the Functions host, not by the app.</summary>
    private static readonly string[] HostOnly = ["FUNCTIONS_WORKER_RUNTIME"];

    private static readonly string Bicep = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.bicep"));

    [Fact]
    public void The_pipelines_list_of_keys_is_among_the_settings_its_options_bind()
    {
        Assert.Subset(AppSettingNames.All().ToHashSet(), SettingNames.PipelineKeys.ToHashSet());
    }

    [Fact]
    public void The_sample_settings_name_exactly_the_settings_the_app_reads()
    {
        var sample = SampleSettings.Values().Keys.Except(HostOnly).ToHashSet();
        var expected = AppSettingNames.All().Select(SettingNames.AsAppSetting).ToHashSet();

        Assert.Empty(expected.Except(sample));
        Assert.Empty(sample.Except(expected));
    }

    [Fact]
    public void The_sample_settings_run_on_azurite_and_the_sandbox_as_they_are()
    {
        var values = SampleSettings.Values();

        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.StartsWith("http://127.0.0.1:", values["Zoho__AccountsUri"], StringComparison.Ordinal);
        Assert.StartsWith("whsec_", values["Intake__WebhookSecrets"], StringComparison.Ordinal);
        Assert.Equal(Zoho.Crm.Sandbox.Fixtures.DefaultOrg.ClientId, values["Zoho__ClientId"]);
    }

    [Fact]
    public void Main_bicep_sets_every_setting_the_app_reads()
    {
        var set = BicepAppSettings();
        var missing = AppSettingNames.All()
            .Where(name => name != SettingNames.Storage)
            .Select(SettingNames.AsAppSetting)
            .Where(name => !set.Contains(name))
            .ToArray();

        Assert.Empty(missing);
    }

    [Fact]
    public void Main_bicep_puts_entra_id_easy_auth_in_front_and_no_operator_key_in_azure()
    {
        var set = BicepAppSettings();

        Assert.Contains("name: 'authsettingsV2'", Bicep, StringComparison.Ordinal);
        Assert.Contains("clientId: operatorClientId", Bicep, StringComparison.Ordinal);
        Assert.Contains("param operatorClientId string", Bicep, StringComparison.Ordinal);

        // Webhooks must still reach the app without a sign-in; the app itself requires the operator role on operator routes.
        Assert.Contains("unauthenticatedClientAction: 'AllowAnonymous'", Bicep, StringComparison.Ordinal);
        Assert.Contains("Operators__Key", set);
        Assert.Contains("{ name: 'Operators__Key', value: '' }", Bicep, StringComparison.Ordinal);
        Assert.Contains("{ name: 'Operators__AllowKeyInAzure', value: 'false' }", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_bicep_gives_host_and_app_identity_based_storage_and_no_account_keys()
    {
        var set = BicepAppSettings();

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", set);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", set);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", set);
        Assert.DoesNotContain("AzureWebJobsStorage", set);
        Assert.Contains("allowSharedKeyAccess: false", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys(", Bicep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoho__ClientSecret")]
    [InlineData("Zoho__RefreshToken")]
    [InlineData("Intake__WebhookSecrets")]
    [InlineData("Intake__MergeSignatureKeys")]
    public void Secrets_are_key_vault_references(string setting)
    {
        var line = Bicep.Split('\n').Single(l => l.Contains($"name: '{setting}'", StringComparison.Ordinal));

        Assert.Contains("${secretRef}", line, StringComparison.Ordinal);
        Assert.Contains("var secretRef = '@Microsoft.KeyVault(VaultName=", Bicep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    public void Main_bicep_sets_none_of_the_settings_flex_consumption_rejects(string setting)
    {
        Assert.DoesNotContain(setting, BicepAppSettings());
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    [InlineData("d5a91429-5739-47e2-a06b-3470a27159e7")] // EventGrid Data Sender
    public void Main_bicep_grants_the_data_roles_the_app_needs(string roleDefinitionId)
    {
        Assert.Contains(roleDefinitionId, Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_bicep_runs_the_isolated_worker_on_dotnet_10_on_flex_consumption()
    {
        Assert.Contains("tier: 'FlexConsumption'", Bicep, StringComparison.Ordinal);
        Assert.Contains("runtime: { name: 'dotnet-isolated', version: '10.0' }", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("name: 'custom'", Bicep, StringComparison.Ordinal);
        Assert.Contains("inputSchema: 'CloudEventSchemaV1_0'", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_deploys_the_function_project_to_the_app_main_bicep_tags_for_azd()
    {
        var path = Path.Combine(RepositoryRoot.Path, "azure.yaml");
        Assert.True(File.Exists(path), "azure.yaml is missing at the repository root");
        var lines = File.ReadAllLines(path).Select(l => l.Split('#')[0].TrimEnd()).Where(l => l.Trim().Length > 0).ToArray();

        // services:
        //   functions:
        //     project: ./functions/Offboarding.Functions, language: dotnet, host: function
        var services = Array.FindIndex(lines, l => l == "services:");
        Assert.True(services >= 0, "azure.yaml has no top-level services:");
        var block = lines.Skip(services + 1).TakeWhile(l => l.StartsWith(' ')).ToList();
        var service = block.FindIndex(l => l.Trim() == "functions:");
        Assert.True(service >= 0, "azure.yaml names no service 'functions'");
        var properties = block.Skip(service + 1).TakeWhile(l => Indent(l) > Indent(block[service]))
            .Select(l => l.Trim().Split(':', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim().Trim('\'', '"'), StringComparer.Ordinal);
        Assert.Equal("./functions/Offboarding.Functions", properties.GetValueOrDefault("project"));
        Assert.Equal("dotnet", properties.GetValueOrDefault("language"));
        Assert.Equal("function", properties.GetValueOrDefault("host"));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "functions", "Offboarding.Functions", "Offboarding.Functions.csproj")), "the azd service's project is missing");

        Assert.Contains("tags: { 'azd-service-name': 'functions' }", Bicep, StringComparison.Ordinal);

        static int Indent(string line) => line.Length - line.TrimStart().Length;
    }

    [Fact]
    public void The_parameters_file_only_names_parameters_main_bicep_declares()
    {
        using var parameters = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json")));
        var declared = BicepParameter().Matches(Bicep).Select(m => m.Groups["name"].Value).ToHashSet();

        foreach (var parameter in parameters.RootElement.GetProperty("parameters").EnumerateObject())
        {
            Assert.Contains(parameter.Name, declared);
        }
    }

    private static HashSet<string> BicepAppSettings() =>
        AppSettingEntry().Matches(Bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[A-Za-z0-9_]+)'\s*,\s*value:")]
    private static partial Regex AppSettingEntry();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s", RegexOptions.Multiline)]
    private static partial Regex BicepParameter();
}
