using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.Faults;
using Zoho.Crm.Sandbox.Inspection;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// Serves every Zoho path. Order: concurrency gate (CRM only) → latency → injected fault → authentication →
/// credits → route/method → scope → handler. Every call ends in the call log, whatever happened (a call
/// dropped before it was served is logged with status 0; a lost response keeps the status it would have had).
/// </summary>
public sealed class ZohoApiDispatcher(SandboxState state, ZohoRouter router, ConcurrencyGate gate, CallLog log)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private const string AuthScheme = "Zoho-oauthtoken ";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var sequence = log.NextSequence();
        var request = context.Request;
        var resolution = router.Resolve(request.Method, request.Path.Value ?? "/");
        var admitted = false;
        ZohoResult? result = null;
        FaultKind? fault = null;
        try
        {
            if (resolution.IsCrmPath)
            {
                admitted = gate.TryEnter(state.ConcurrencyLimit);
                if (!admitted)
                {
                    result = ZohoErrors.TooManyRequests("concurrency limit exceeded");
                    await WriteAsync(context, result).ConfigureAwait(false);
                    return;
                }
            }

            var latency = FaultPlanner.Latency(state);
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
            }

            fault = FaultPlanner.Decide(state, resolution.EndpointName, resolution.IsCrmPath);
            if (fault == FaultKind.DropConnection)
            {
                context.Abort();
                return;
            }

            result = fault switch
            {
                FaultKind.InternalError => ZohoErrors.InternalError(),
                FaultKind.TooManyRequests => ZohoErrors.TooManyRequests("too many requests"),
                _ => await ExecuteAsync(context, resolution).ConfigureAwait(false),
            };
            if (fault == FaultKind.DropResponse)
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the call was held open; nothing to answer.
        }
        finally
        {
            if (admitted)
            {
                gate.Exit();
            }

            log.Add(new CallLogEntry(
                sequence, state.Clock.Now, request.Method, request.Path.Value ?? "/", resolution.EndpointName,
                result?.Status ?? 0, result?.Code, result?.UserId, result?.JobId, fault,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }

    private async Task<ZohoResult> ExecuteAsync(HttpContext context, RouteResolution resolution)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "the request body is too large");
        }

        var parameters = ReadParameters(context.Request, resolution, body);
        var token = ReadToken(context.Request);
        lock (state.Gate)
        {
            state.Settle();
            if (!resolution.IsCrmPath)
            {
                return resolution.Route is null
                    ? (resolution.MethodMismatch ? ZohoErrors.InvalidRequestMethod() : ZohoErrors.InvalidUrlPattern())
                    : resolution.Route.Handle(Call(context, resolution, parameters, body, caller: null));
            }

            var now = state.Clock.Now;
            var caller = token is null ? null : state.Tokens.Find(token, now);
            if (caller is null)
            {
                return ZohoErrors.InvalidToken();
            }

            state.Credits.Window = TimeSpan.FromSeconds(state.Settings.CreditWindowSeconds);
            if (!state.Credits.TrySpend(now, state.DailyCreditLimit))
            {
                return ZohoErrors.TooManyRequests("API credits for the day are exhausted");
            }

            if (resolution.Route is null)
            {
                return resolution.MethodMismatch ? ZohoErrors.InvalidRequestMethod() : ZohoErrors.InvalidUrlPattern();
            }

            return caller.HasAnyScope(resolution.Route.Scopes)
                ? resolution.Route.Handle(Call(context, resolution, parameters, body, caller))
                : ZohoErrors.ScopeMismatch();
        }
    }

    private static ApiCall Call(HttpContext context, RouteResolution resolution, Dictionary<string, string> parameters, string body, OAuth.AccessGrant? caller) => new()
    {
        RouteValues = resolution.Values,
        Parameters = parameters,
        Body = body,
        Caller = caller,
        ApiDomain = $"{context.Request.Scheme}://{context.Request.Host}",
    };

    private async Task WriteAsync(HttpContext context, ZohoResult result)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        if (result.Status == StatusCodes.Status429TooManyRequests && state.Settings.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.Body is not null)
        {
            response.ContentType = "application/json;charset=UTF-8";
            await response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The raw body, or null when it exceeds the limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return text.ToString();
    }

    /// <summary>Query parameters; for the accounts endpoints form fields too (Zoho accepts either).</summary>
    private static Dictionary<string, string> ReadParameters(HttpRequest request, RouteResolution resolution, string body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            parameters[name] = value.ToString();
        }

        if (!resolution.IsCrmPath && request.HasFormContentType)
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(body))
            {
                parameters[name] = value.ToString();
            }
        }

        return parameters;
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(AuthScheme, StringComparison.OrdinalIgnoreCase) && header.Length > AuthScheme.Length
            ? header[AuthScheme.Length..].Trim()
            : null;
    }
}
