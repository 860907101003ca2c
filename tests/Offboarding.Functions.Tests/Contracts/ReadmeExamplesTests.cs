using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Messaging;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using TestSupport;

namespace Offboarding.Functions.Tests.Contracts;

/// <summary>
/// Every JSON example in the README says what it is an example of (<c>&lt;!-- example of NAME --&gt;</c> on the line
/// before it) and is valid against that published schema, so an example gone stale fails the build.
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    private const string CloudEventExample = "a CloudEvent";

    public static TheoryData<string, string> Examples()
    {
        var examples = new TheoryData<string, string>();
        foreach (var (of, json) in ReadExamples())
        {
            examples.Add(of, json);
        }

        return examples;
    }

    [Fact]
    public void Every_json_example_in_the_readme_names_what_it_is_an_example_of()
    {
        var blocks = JsonBlock().Count(Readme());

        Assert.True(blocks >= 6, $"only {blocks} JSON examples");
        Assert.Equal(blocks, ReadExamples().Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_is_valid_against_its_schema(string of, string json)
    {
        if (of == CloudEventExample)
        {
            var cloudEvent = CloudEvent.Parse(BinaryData.FromString(json))!;
            using var data = JsonDocument.Parse(cloudEvent.Data!);
            Assert.Empty(Published.Schemas[NameOf(cloudEvent.DataSchema!)].Problems(data.RootElement));
            Assert.EndsWith("." + data.RootElement.GetProperty("outcome").GetString(), cloudEvent.Type, StringComparison.Ordinal);
            return;
        }

        using var example = JsonDocument.Parse(json);
        Assert.Empty(Published.Schemas[of].Problems(example.RootElement));
        if (of == PublishedSchemas.Request)
        {
            // The intake's own rules too, at a "now" before the example's effective time.
            Assert.Empty(Published.Reader(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Read(Encoding.UTF8.GetBytes(json)).Problems);
        }
    }

    [Fact]
    public void The_readme_shows_the_data_of_every_event_type()
    {
        var shown = ReadExamples().Select(e => e.Of == CloudEventExample ? NameOf(CloudEvent.Parse(BinaryData.FromString(e.Json))!.DataSchema!) : e.Of).ToHashSet();

        Assert.All(Enum.GetValues<OffboardingOutcome>(), outcome => Assert.Contains(OffboardingEventFactory.DataSchemaName(outcome), shown));
    }

    [Fact]
    public void A_stale_example_is_caught()
    {
        var example = ReadExamples().First(e => e.Of == "offboarding.failed.event.json").Json.Replace("\"failureCode\": \"PROTECTED_USER\"", "\"failureCode\": null", StringComparison.Ordinal);
        using var stale = JsonDocument.Parse(example);

        Assert.Contains(Published.Schemas["offboarding.failed.event.json"].Problems(stale.RootElement), p => p.Location == "/failureCode");
    }

    private static string NameOf(string dataSchema) => new Uri(dataSchema).Segments[^1];

    private static string Readme() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    private static List<(string Of, string Json)> ReadExamples() =>
        [.. MarkedJsonBlock().Matches(Readme()).Select(m => (m.Groups["of"].Value.Trim(), m.Groups["json"].Value))];

    [GeneratedRegex("^```json\\n", RegexOptions.Multiline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("^<!-- example of (?<of>[^>]+?) -->\\n```json\\n(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MarkedJsonBlock();
}
