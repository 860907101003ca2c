using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TestSupport;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Stands in for an Event Grid topic, which cannot run here: a loopback HTTP endpoint that accepts what the
/// real EventGridPublisherClient posts (CloudEvents batch, <c>aeg-sas-key</c> header) and keeps it for the test.
/// </summary>
public sealed class EventGridTopicDouble : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventGridTopicDouble(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string? Key, string? ContentType, string Body)> Posts { get; } = new();

    public static async Task<EventGridTopicDouble> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var topic = new EventGridTopicDouble(app, new Uri($"http://127.0.0.1:{port}/api/events"));
        app.MapPost("/api/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            topic.Posts.Enqueue((context.Request.Headers["aeg-sas-key"].FirstOrDefault(), context.Request.ContentType, await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await app.StartAsync();
        return topic;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
