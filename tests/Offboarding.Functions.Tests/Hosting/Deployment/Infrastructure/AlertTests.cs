using System.Text.Json.Nodes;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// The alert rules the template deploys: log search alerts over the Log Analytics workspace behind Application Insights,
/// reading the app's OpenTelemetry metrics (meter "Offboarding.Functions") from the AppMetrics table, and the action
/// group that emails alertEmail.
/// </summary>
public sealed class AlertTests
{
    private const string Email = "crm-operations@example.com";

    private static CompiledTemplate Template => CompiledTemplate.Instance;

    public static TheoryData<string, string, int, string, int> Rules => new()
    {
        // rule, what its query must read, severity, operator, threshold
        { "poison-message", "Name == \"offboarding.poison_messages\" and Sum > 0", 1, "GreaterThan", 0 },
        { "offboarding-failed-or-stalled", "where outcome in (\"failed\", \"stalled\")", 2, "GreaterThan", 0 },
        { "hold-open", "Name == \"offboarding.hold.open\" and Sum > 0", 1, "GreaterThan", 0 },
        { "credits-exhausted", "Name == \"zoho.credits.exhausted\" and Sum > 0", 2, "GreaterThan", 0 },
        { "poll-heartbeat", "Name == \"offboarding.poll.cycles\" and Sum > 0", 1, "LessThan", 1 },
    };

    [Fact]
    public void The_template_deploys_exactly_these_alert_rules()
    {
        Assert.Equal(
            Rules.Select(r => (string)r[0]).Order(StringComparer.Ordinal),
            AlertRules(Template.Expressions()).Keys.Select(RuleName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_queries_the_apps_metrics_in_the_workspace_every_five_minutes(string rule, string query, int severity, string comparison, int threshold)
    {
        var properties = Rule(Template.Expressions(), rule);
        var criterion = Assert.Single(properties["criteria"]!["allOf"]!.AsArray())!;

        Assert.StartsWith("AppMetrics\n| where Name == ", (string?)criterion["query"], StringComparison.Ordinal);
        Assert.Contains(query, (string?)criterion["query"], StringComparison.Ordinal);
        Assert.Equal("Count", (string?)criterion["timeAggregation"]);
        Assert.Equal(comparison, (string?)criterion["operator"]);
        Assert.Equal(threshold, (int)criterion["threshold"]!);
        Assert.Equal(1, (int)criterion["failingPeriods"]!["minFailingPeriodsToAlert"]!);
        Assert.Equal(severity, (int)properties["severity"]!);
        Assert.Equal("PT5M", (string?)properties["evaluationFrequency"]);
        Assert.Equal("PT5M", (string?)properties["windowSize"]);
        Assert.True((bool)properties["enabled"]!);
        Assert.True((bool)properties["autoMitigate"]!);
        Assert.StartsWith("resourceId(Microsoft.OperationalInsights/workspaces,", (string?)Assert.Single(properties["scopes"]!.AsArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_failed_or_stalled_rule_fires_per_outcome()
    {
        var criterion = Rule(Template.Expressions(), "offboarding-failed-or-stalled")["criteria"]!["allOf"]![0]!;

        Assert.Contains("Name == \"offboarding.finished\"", (string?)criterion["query"], StringComparison.Ordinal);
        Assert.Contains("tostring(Properties.outcome)", (string?)criterion["query"], StringComparison.Ordinal);
        var dimension = Assert.Single(criterion["dimensions"]!.AsArray())!;
        Assert.Equal("outcome", (string?)dimension["name"]);
    }

    [Fact]
    public void With_an_alert_email_every_rule_notifies_the_action_group_that_emails_it()
    {
        var expressions = Template.Expressions(new Dictionary<string, JsonNode?> { ["alertEmail"] = Email });
        var group = Template.Single("Microsoft.Insights/actionGroups");

        Assert.True(expressions.Evaluate(group["condition"])!.GetValue<bool>());
        var receiver = Assert.Single(expressions.Evaluate(group["properties"]!["emailReceivers"])!.AsArray())!;
        Assert.Equal(Email, (string?)receiver["emailAddress"]);
        foreach (var (_, properties) in AlertRules(expressions))
        {
            var target = Assert.Single(properties["actions"]!["actionGroups"]!.AsArray());
            Assert.StartsWith("resourceId(Microsoft.Insights/actionGroups,", (string?)target, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_an_alert_email_the_rules_still_fire_but_notify_no_one()
    {
        var expressions = Template.Expressions(new Dictionary<string, JsonNode?> { ["alertEmail"] = "" });

        Assert.Equal("", (string?)Template.Parameters["alertEmail"]!["defaultValue"]);
        Assert.False(expressions.Evaluate(Template.Single("Microsoft.Insights/actionGroups")["condition"])!.GetValue<bool>());
        Assert.All(AlertRules(expressions).Values, properties => Assert.Empty(properties["actions"]!["actionGroups"]!.AsArray()));
    }

    private static JsonNode Rule(ArmExpression expressions, string rule) =>
        AlertRules(expressions).Single(r => RuleName(r.Key) == rule).Value;

    private static Dictionary<string, JsonNode> AlertRules(ArmExpression expressions) =>
        Template.Instances("Microsoft.Insights/scheduledQueryRules", expressions)
            .ToDictionary(i => i.Expressions.EvaluateText(i.Resource["name"])!, i => i.Expressions.Evaluate(i.Resource["properties"])!);

    // alert-{name}-{rule}: the template's base name comes from the parameters file.
    private static string RuleName(string resourceName) => resourceName[$"alert-{(string?)CompiledTemplate.ParametersFile()["name"]!["value"]}-".Length..];
}
