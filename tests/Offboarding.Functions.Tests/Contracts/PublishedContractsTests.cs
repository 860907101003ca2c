using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Tests.Hosting;
using TestSupport;

namespace Offboarding.Functions.Tests.Contracts;

/// <summary>
/// The contracts integrators build on: the OpenAPI document describes exactly the app's HTTP functions, the request
/// schema agrees with the intake's reader, and the app serves both as they are in the repository.
/// </summary>
public sealed class PublishedContractsTests
{
    private static readonly string ContractsFolder = Path.Combine(RepositoryRoot.Path, "functions", "Offboarding.Functions", "Contracts");
    private static readonly JsonSchema RequestSchema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ContractsFolder, "offboarding-request.schema.json")));
    private static readonly OffboardingRequestReader Reader = Published.Reader(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_openapi_document_is_valid_openapi_3_1()
    {
        var result = ParseOpenApi();

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
    }

    [Fact]
    public void The_openapi_document_has_every_http_function_route_and_method_and_no_other()
    {
        var document = ParseOpenApi().Document!;
        var documented = document.Paths.SelectMany(path => path.Value.Operations!.Keys.Select(method => $"{method.Method.ToUpperInvariant()} {path.Key}"));

        var functions = HttpFunctionsInMetadata().SelectMany(f => f.Methods.Select(method => $"{method.ToUpperInvariant()} /{f.Route}"));

        Assert.Equal(functions.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_refusal_the_intake_answers_is_documented_as_a_problem()
    {
        var document = ParseOpenApi().Document!;
        var intake = document.Paths["/offboardings"].Operations![HttpMethod.Post];

        Assert.Equal(["200", "202", "400", "401", "409", "413", "415", "422", "503"], intake.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"], intake.Parameters!.Select(p => p.Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_readme_example_is_valid_against_the_schema_and_the_reader()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("## The offboarding request", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        Assert.True(Valid(json));
        Assert.Empty(Reader.Read(Encoding.UTF8.GetBytes(json)).Problems);
    }

    [Theory]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"zohoUserId":"42"},"transfer":{"to":{"email":"m@b.co"},"records":false},"dryRun":true}""")]
    [InlineData("""{"source":"hr","sourceEventId":"r1","operation":"role_delete_and_transfer","role":{"roleId":"10","transferToRoleId":"20"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"p1","operation":"portal_user_type_transfer","portal":{"name":"Partners","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":["5","6"]}}""")]
    public void Requests_the_reader_accepts_the_schema_accepts(string json)
    {
        Assert.Empty(Reader.Read(Encoding.UTF8.GetBytes(json)).Problems);
        Assert.True(Valid(json));
    }

    [Theory]
    [InlineData("""{"sourceEventId":"1","employee":{"workEmail":"a@b.co"}}""")]
    [InlineData("""{"source":"-hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1"}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"hrisId":"E1"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"not an email"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"zohoUserId":"12ab"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"},"extra":1}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","operation":"fire_everyone","employee":{"workEmail":"a@b.co"}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"},"transfer":{"to":{}}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"r1","operation":"role_delete_and_transfer"}""")]
    [InlineData("""{"source":"hr","sourceEventId":"p1","operation":"portal_user_type_transfer","portal":{"name":"P","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":[]}}""")]
    [InlineData("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"},"dryRun":"yes"}""")]
    [InlineData("""["not","an","object"]""")]
    public void Requests_the_schema_refuses_the_reader_refuses(string json)
    {
        Assert.False(Valid(json));
        Assert.NotEmpty(Reader.Read(Encoding.UTF8.GetBytes(json)).Problems);
    }

    [Fact]
    public async Task The_app_serves_the_documents_as_they_are_in_the_repository()
    {
        await using var host = await FunctionAppHost.StartAsync(
            (services, _) => services.AddSingleton<PublishedDocuments>(), new Dictionary<string, string?>(), typeof(ContractFunctions));

        Assert.Equal(File.ReadAllText(Path.Combine(ContractsFolder, PublishedDocuments.OpenApi)), await host.Client.GetStringAsync("/api/openapi.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(ContractsFolder, "offboarding-request.schema.json")), await host.Client.GetStringAsync("/api/schemas/offboarding-request.json"));
        using var missing = await host.Client.GetAsync("/api/schemas/no-such-schema.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static ReadResult ParseOpenApi() =>
        OpenApiDocument.Parse(File.ReadAllText(Path.Combine(ContractsFolder, PublishedDocuments.OpenApi)), "json");

    private static bool Valid(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RequestSchema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
    }

    private static List<(string Route, string[] Methods)> HttpFunctionsInMetadata()
    {
        var configuration = typeof(PublishedContractsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "functions", "Offboarding.Functions", "bin", configuration, "net10.0", "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .Select(f => f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)))
            .Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .Select(t => (t.GetProperty("route").GetString()!, t.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray()))
            .ToList();
    }
}
