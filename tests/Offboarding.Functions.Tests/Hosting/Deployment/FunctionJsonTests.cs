using System.Text.Json;
using System.Text.RegularExpressions;
using Offboarding.Functions.Hosting;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>
/// The function.json files agree with what the custom handler expects (binding names) and with the settings the
/// app reads. Agreement with each function's own route, methods, queue and schedule is checked against the registered functions.
/// </summary>
public sealed partial class FunctionJsonTests
{
    public static TheoryData<string> Functions() => [.. FunctionJsonFiles.InSourceTree().Keys.Order()];

    [Fact]
    public void There_is_a_function_json_for_each_pipeline_function()
    {
        Assert.Equal(
            ["GetOffboarding", "Health", "Intake", "ListOffboardings", "MergeIntake", "Poll", "Transfer"],
            FunctionJsonFiles.InSourceTree().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Bindings_use_the_names_the_custom_handler_reads(string function)
    {
        var json = FunctionJsonFiles.InSourceTree()[function];
        var trigger = FunctionJsonFiles.Trigger(json);
        var bindings = json.GetProperty("bindings").EnumerateArray().ToArray();

        switch (trigger.GetProperty("type").GetString())
        {
            case "httpTrigger":
                Assert.Equal(FunctionBindingNames.HttpRequest, trigger.GetProperty("name").GetString());
                Assert.Equal("function", trigger.GetProperty("authLevel").GetString());
                Assert.NotEmpty(trigger.GetProperty("methods").EnumerateArray());
                Assert.False(string.IsNullOrWhiteSpace(trigger.GetProperty("route").GetString()));
                var output = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "out");
                Assert.Equal("http", output.GetProperty("type").GetString());
                Assert.Equal(FunctionBindingNames.HttpResponse, output.GetProperty("name").GetString());
                break;
            case "queueTrigger":
                Assert.Equal(FunctionBindingNames.QueueMessage, trigger.GetProperty("name").GetString());
                Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
                Assert.Single(bindings);
                break;
            case "timerTrigger":
                Assert.Equal(FunctionBindingNames.Timer, trigger.GetProperty("name").GetString());
                Assert.False(trigger.GetProperty("runOnStartup").GetBoolean(), "runOnStartup fires on every scale-out and restart");
                Assert.Single(bindings);
                break;
            default:
                Assert.Fail($"{function} has an unexpected trigger type.");
                break;
        }
    }

    [Fact]
    public void The_timer_schedule_comes_from_an_app_setting_the_sample_settings_define_as_a_valid_schedule()
    {
        var schedule = FunctionJsonFiles.Trigger(FunctionJsonFiles.InSourceTree()["Poll"]).GetProperty("schedule").GetString()!;
        var match = AppSettingReference().Match(schedule);
        Assert.True(match.Success, $"schedule '{schedule}' is not an %AppSetting% reference");

        var key = match.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal);
        var values = SampleSettings.Values();
        Assert.True(values.ContainsKey(key), $"local.settings.sample.json does not define {key}");
        Offboarding.Functions.Hosting.Timers.TimerSchedule.Parse(values[key]!);
    }

    [GeneratedRegex("^%(?<name>[A-Za-z0-9_:]+)%$")]
    private static partial Regex AppSettingReference();
}
