using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>infra/main.bicep compiles and lints clean, and the ARM template it compiles to deploys what the app needs.</summary>
public sealed partial class TemplateTests
{
    private static CompiledTemplate Template => CompiledTemplate.Instance;

    [Fact]
    public void Main_bicep_builds_without_a_warning()
    {
        var (exit, _, errors) = BicepCli.Run("build", BicepCli.MainBicep, "--stdout");

        Assert.True(exit == 0, $"bicep build exited {exit}:\n{errors}");
        Assert.DoesNotMatch(Diagnostic(), errors);
    }

    [Fact]
    public void Main_bicep_lints_clean_under_the_repositorys_bicepconfig()
    {
        var (exit, output, errors) = BicepCli.Run("lint", BicepCli.MainBicep);

        Assert.True(exit == 0, $"bicep lint exited {exit}:\n{output}{errors}");
        Assert.DoesNotMatch(Diagnostic(), output + errors);
    }

    [Theory]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("secure-parameter-default")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("prefer-interpolation")]
    [InlineData("simplify-interpolation")]
    [InlineData("use-stable-resource-identifiers")]
    [InlineData("adminusername-should-not-be-literal")]
    [InlineData("no-unnecessary-dependson")]
    [InlineData("use-resource-symbol-reference")]
    [InlineData("use-safe-access")]
    public void The_linter_rules_that_matter_fail_the_build(string rule)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(BicepCli.MainBicep)!, "bicepconfig.json")))!;

        Assert.Equal("error", (string?)config["analyzers"]?["core"]?["rules"]?[rule]?["level"]);
    }

    [Fact]
    public void The_template_sets_every_setting_the_app_reads_or_the_app_has_a_default_for_it()
    {
        var settings = Template.AppSettings();

        // The app's storage connection is identity-based in Azure: the service URIs, not a connection string.
        Assert.DoesNotContain(SettingNames.Storage, settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains($"AzureWebJobsStorage__{service}ServiceUri", settings.Keys);
        }

        var missing = AppSettingNames.All()
            .Where(name => name != SettingNames.Storage)
            .Where(name => !settings.ContainsKey(SettingNames.AsAppSetting(name)) && !HasDefaultInCode(name))
            .ToArray();
        Assert.Empty(missing);
    }

    /// <summary>
    /// The settings that hold secrets: each is a Key Vault reference to a secret the template stores in its vault, or
    /// empty where the template turns the feature off (no operator key in Azure, Event Grid through the identity, the
    /// Merge endpoint without keys). Never a parameter's or a literal's value.
    /// </summary>
    [Theory]
    [InlineData("Zoho__ClientSecret", "zoho-client-secret", false)]
    [InlineData("Zoho__RefreshToken", "zoho-refresh-token", false)]
    [InlineData("Intake__WebhookSecrets", "webhook-secrets", false)]
    [InlineData("Intake__MergeSignatureKeys", "merge-signature-keys", true)]
    [InlineData("Operators__Key", null, true)]
    [InlineData("Events__EventGridKey", null, true)]
    public void Secrets_reach_the_app_only_as_key_vault_references(string setting, string? secret, bool mayBeOff)
    {
        var withSecrets = Template.Expressions(new Dictionary<string, JsonNode?> { ["mergeSignatureKeys"] = "a-merge-key" });
        var value = Template.AppSettings(withSecrets)[setting];
        var vaultName = Template.Expressions().EvaluateText(Template.Json["variables"]!["vaultName"]);

        if (secret is null)
        {
            Assert.Equal("", value);
            return;
        }

        Assert.Equal($"@Microsoft.KeyVault(VaultName={vaultName};SecretName={secret})", value);
        Assert.Contains(secret, VaultSecretNames());
        if (mayBeOff)
        {
            Assert.Equal("", Template.AppSettings()[setting]);
        }
    }

    [Fact]
    public void No_app_setting_carries_a_secure_parameter_or_a_secret_literal()
    {
        // Every secure parameter given a value of its own: none may reach an app setting (nor an output).
        var secure = Template.Parameters.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key).ToArray();
        Assert.NotEmpty(secure);
        var expressions = Template.Expressions(secure.ToDictionary(p => p, p => (JsonNode?)JsonValue.Create($"secret-value-of-{p}")));

        foreach (var (name, value) in Template.AppSettings(expressions))
        {
            Assert.DoesNotContain("secret-value-of-", value ?? "", StringComparison.Ordinal);

            // A secret literal would be a setting named like a secret whose value is no Key Vault reference.
            if (SecretLike().IsMatch(name))
            {
                Assert.True(string.IsNullOrEmpty(value) || value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal), $"{name} holds '{value}'");
            }
        }

        foreach (var (_, output) in Template.Json["outputs"]!.AsObject())
        {
            Assert.DoesNotContain("secret-value-of-", expressions.EvaluateText(output!["value"]) ?? "", StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listKeys(", Template.Json.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The app identity's role assignments, exactly, each the least that works:
    /// <list type="bullet">
    /// <item>Storage Blob Data Owner on the account: the Functions host keeps its keys and timer locks in blob containers it
    /// creates itself (azure-webjobs-secrets, azure-webjobs-hosts) and Flex Consumption reads the deployment package from
    /// the app-package container; Owner is what the host documents for AzureWebJobsStorage with an identity.</item>
    /// <item>Storage Queue Data Contributor on the account: the queue trigger reads and deletes, the host creates the poison
    /// queue and moves messages there, and the app adds, updates (the event outbox's reveal) and deletes messages:
    /// Reader + Message Processor + Sender would not cover Update Message.</item>
    /// <item>Storage Table Data Contributor on the account: records, due index, token cache, job slots, hold ledger.</item>
    /// <item>Key Vault Secrets User on the vault: the Key Vault references (read secrets, nothing else).</item>
    /// <item>EventGrid Data Sender on the topic only, when there is a topic.</item>
    /// </list>
    /// No Monitoring Metrics Publisher: telemetry goes to Application Insights with its connection string, not Entra auth.
    /// </summary>
    [Fact]
    public void The_app_identity_gets_exactly_the_data_roles_it_needs_on_the_resources_it_uses()
    {
        string[] expected =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b on Microsoft.Storage/storageAccounts",  // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88 on Microsoft.Storage/storageAccounts",  // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 on Microsoft.Storage/storageAccounts",  // Storage Table Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6 on Microsoft.KeyVault/vaults",          // Key Vault Secrets User
            "d5a91429-5739-47e2-a06b-3470a27159e7 on Microsoft.EventGrid/topics",         // EventGrid Data Sender
        ];

        var actual = RoleAssignments(Template.Expressions());
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        // Without the topic there is nothing to send to, and no role for it.
        var withoutTopic = RoleAssignments(Template.Expressions(new Dictionary<string, JsonNode?> { ["enableEventGrid"] = false }));
        Assert.Equal(expected.Where(r => !r.EndsWith("topics", StringComparison.Ordinal)).Order(StringComparer.Ordinal), withoutTopic.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_parameters_file_names_template_parameters_only_and_every_one_without_default_that_is_no_secret()
    {
        var file = CompiledTemplate.ParametersFile().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var declared = Template.Parameters.ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);

        Assert.Empty(file.Except(declared.Keys));

        var required = declared.Where(p => !p.Value.ContainsKey("defaultValue")).ToArray();
        var secure = required.Where(p => ((string?)p.Value["type"])!.StartsWith("secure", StringComparison.Ordinal)).Select(p => p.Key).ToArray();
        Assert.Empty(required.Select(p => p.Key).Except(secure).Except(file));

        // Secrets are asked for at deployment (azd prompts for them), never kept in a file.
        Assert.NotEmpty(secure);
        Assert.Empty(secure.Intersect(file));
    }

    private static bool HasDefaultInCode(string name)
    {
        var (section, key) = (name.Split(':')[0], name.Split(':')[^1]);
        var options = AppSettingNames.BoundSections.SingleOrDefault(s => s.Section == section).Options;
        var property = options?.GetProperty(key, BindingFlags.Public | BindingFlags.Instance);
        var value = property?.GetValue(Activator.CreateInstance(options!));
        return value is not null and not "" && !Equals(value, property!.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null);
    }

    /// <summary>The secrets the template stores in its vault: the variable <c>secrets</c> its vault-secret loop runs over,
    /// each filled from a secure parameter.</summary>
    private static HashSet<string> VaultSecretNames()
    {
        var loop = Template.Single("Microsoft.KeyVault/vaults/secrets");
        Assert.Contains("items(variables('secrets'))", (string?)loop["name"], StringComparison.Ordinal);
        var secrets = Template.Json["variables"]!["secrets"]!.AsObject();
        foreach (var (_, value) in secrets)
        {
            var parameter = Regex.Match((string?)value ?? "", @"^\[parameters\('(?<name>\w+)'\)\]$").Groups["name"].Value;
            Assert.Equal("securestring", (string?)Template.Parameters[parameter]?["type"]);
        }

        return secrets.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static List<string> RoleAssignments(ArmExpression expressions)
    {
        var assignments = new List<string>();
        foreach (var (resource, instance) in Template.Instances("Microsoft.Authorization/roleAssignments", expressions))
        {
            if (resource["condition"] is { } condition && !(instance.Evaluate(condition)?.GetValue<bool>() ?? false))
            {
                continue;
            }

            var properties = instance.Evaluate(resource["properties"])!;
            if (((string?)properties["principalId"])!.StartsWith("reference(resourceId(Microsoft.EventGrid/topics,", StringComparison.Ordinal))
            {
                // The topic's own identity (dead-lettering): EventSubscriptionTests checks it.
                continue;
            }

            Assert.Equal("ServicePrincipal", (string?)properties["principalType"]);
            Assert.Matches(@"^reference\(resourceId\(Microsoft\.Web/sites,.*\.identity\.principalId$", (string?)properties["principalId"]);

            var role = RoleDefinition().Match((string?)properties["roleDefinitionId"] ?? "");
            Assert.True(role.Success, $"not a built-in role definition: {properties["roleDefinitionId"]}");
            var scope = ScopeType().Match(instance.EvaluateText(resource["scope"]) ?? "");
            Assert.True(scope.Success, $"not scoped to one resource: {resource["scope"]}");
            assignments.Add($"{role.Groups["id"].Value} on {scope.Groups["type"].Value}");
        }

        return assignments;
    }

    [GeneratedRegex(@"\b(Warning|Error)\b")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"(Secret|Key|Token|Password)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"^subscriptionResourceId\(Microsoft\.Authorization/roleDefinitions,(?<id>[0-9a-f-]{36})\)$")]
    private static partial Regex RoleDefinition();

    [GeneratedRegex(@"^resourceId\((?<type>[A-Za-z.]+/[A-Za-z]+),")]
    private static partial Regex ScopeType();
}
