using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Tests.EndToEnd;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>The batch routes and the dispatcher of a <see cref="PipelineHarness"/>, called as the functions call them.</summary>
internal sealed class BatchPipeline(PipelineHarness pipeline)
{
    public PipelineHarness Pipeline { get; } = pipeline;

    public BatchDispatcher Dispatcher => Pipeline.Services.GetRequiredService<BatchDispatcher>();

    public Task<HttpAnswer> SubmitCsvAsync(string csv, string caller = "Submitter", string name = "Q1 restructuring", string reason = "the sales region closes") =>
        Endpoint<SubmitBatchHandler>().RunAsync(PipelineHarness.Request("POST", "batches", Encoding.UTF8.GetBytes(csv), Headers(caller, "text/csv"),
            query: new Dictionary<string, string> { ["name"] = name, ["reason"] = reason }), CancellationToken.None);

    public Task<HttpAnswer> SubmitJsonAsync(string json, string caller = "Submitter") =>
        Endpoint<SubmitBatchHandler>().RunAsync(PipelineHarness.Request("POST", "batches", Encoding.UTF8.GetBytes(json), Headers(caller, "application/json")), CancellationToken.None);

    public Task<HttpAnswer> ActAsync<THandler>(string id, string? json = null, string caller = "Approver")
        where THandler : IOperatorHandler =>
        Endpoint<THandler>().RunAsync(PipelineHarness.Request("POST", $"batches/{id}", json is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(json),
            Headers(caller, "application/json"), route: new Dictionary<string, string> { ["id"] = id }), CancellationToken.None);

    public async Task<JsonElement> GetAsync(string id, string? view = null)
    {
        var answer = await GetAnswerAsync(id, view);
        Assert.Equal(200, answer.StatusCode);
        return JsonDocument.Parse(answer.Body!).RootElement;
    }

    /// <summary><c>GET /api/batches/{id}</c>, with <c>?view=</c> when given.</summary>
    public Task<HttpAnswer> GetAnswerAsync(string id, string? view) =>
        Endpoint<GetBatchHandler>().RunAsync(PipelineHarness.Request("GET", $"batches/{id}", ReadOnlyMemory<byte>.Empty, Headers("Watcher", "application/json"),
            route: new Dictionary<string, string> { ["id"] = id }, query: view is null ? null : new Dictionary<string, string> { ["view"] = view }), CancellationToken.None);

    /// <summary><c>GET /api/batches</c>: the batches by id.</summary>
    public async Task<Dictionary<string, JsonElement>> ListAsync()
    {
        var answer = await Endpoint<ListBatchesHandler>().RunAsync(PipelineHarness.Request("GET", "batches", ReadOnlyMemory<byte>.Empty, Headers("Watcher", "application/json")), CancellationToken.None);
        Assert.Equal(200, answer.StatusCode);
        return JsonDocument.Parse(answer.Body!).RootElement.GetProperty("items").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!);
    }

    public Task<HttpAnswer> ReportAsync(string id, string format) =>
        Endpoint<BatchReportHandler>().RunAsync(PipelineHarness.Request("GET", $"batches/{id}/report", ReadOnlyMemory<byte>.Empty, Headers("Auditor", "application/json"),
            route: new Dictionary<string, string> { ["id"] = id }, query: new Dictionary<string, string> { ["format"] = format }), CancellationToken.None);

    /// <summary>Runs what the timers and the queue trigger run (dispatcher, transfers, polls) until the batch has finished.</summary>
    public Task<JsonElement> RunUntilFinishedAsync(string id, TimeSpan within) =>
        TestSupport.Eventually.ReturnsAsync(
            async () =>
            {
                await Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None);
                await Pipeline.DrainRequestsAsync();
                await Pipeline.Poll.RunCycleAsync(CancellationToken.None);
                return await GetAsync(id);
            },
            batch => batch.GetProperty("state").GetString() == "finished",
            $"batch {id} finished",
            within,
            TimeSpan.FromMilliseconds(100),
            batch => Task.FromResult(batch.GetProperty("progress").ToString()));

    public static string IdOf(HttpAnswer answer) => JsonDocument.Parse(answer.Body!).RootElement.GetProperty("id").GetString()!;

    private OperatorEndpoint<THandler> Endpoint<THandler>()
        where THandler : IOperatorHandler => Pipeline.Services.GetRequiredService<OperatorEndpoint<THandler>>();

    private static Dictionary<string, string> Headers(string caller, string contentType)
    {
        var headers = PipelineHarness.OperatorHeaders(caller);
        headers["Content-Type"] = contentType;
        return headers;
    }
}
