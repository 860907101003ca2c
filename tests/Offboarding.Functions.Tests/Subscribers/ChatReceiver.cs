using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TestSupport;

namespace Offboarding.Functions.Tests.Subscribers;

/// <summary>
/// A chat's incoming webhook on this machine (Kestrel on 127.0.0.1): keeps the <c>text</c> of every message it accepts,
/// and answers 500 to the first <see cref="FailFirst"/> posts, as a chat having a bad minute would.
/// </summary>
internal sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _posts;
    private int _refused;

    private ChatReceiver(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>How many posts were answered 500.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public int FailFirst { get; set; }

    public static async Task<ChatReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new ChatReceiver(app, new Uri($"http://127.0.0.1:{port}/hooks/offboarding"));
        app.MapPost("/hooks/offboarding", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (Interlocked.Increment(ref _posts) <= FailFirst)
        {
            Interlocked.Increment(ref _refused);
            return Results.StatusCode(500);
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        Messages.Enqueue(body.RootElement.GetProperty("text").GetString()!);
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
