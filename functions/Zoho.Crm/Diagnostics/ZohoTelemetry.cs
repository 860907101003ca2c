using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Zoho.Crm;

/// <summary>The client's spans and counters under one name, so an app switches them on with <c>AddSource</c>/<c>AddMeter</c>
/// of <see cref="Name"/>; they carry operations, methods and statuses only (no ids, tokens or emails).</summary>
public static class ZohoTelemetry
{
    /// <summary>The name of the client's <see cref="ActivitySource"/> and of its <see cref="Meter"/>.</summary>
    public const string Name = "Zoho.Crm";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("zoho.calls", "{call}", "HTTP exchanges with Zoho CRM, by operation and status (the HTTP status, or the client's code when no answer came).");

    private static readonly Counter<long> Credits = Meter.CreateCounter<long>("zoho.credits", "{credit}", "Zoho CRM API credits spent: one per answered CRM call.");

    /// <summary>A span for one logical CRM call (its attempts and retries included), a child of the caller's current span.</summary>
    internal static Activity? StartCall(ZohoOperation operation, HttpMethod method)
    {
        var activity = Source.StartActivity("Zoho " + operation, ActivityKind.Client);
        activity?.SetTag("zoho.operation", operation.ToString());
        activity?.SetTag("http.request.method", method.Method);
        return activity;
    }

    internal static void Answered(Activity? activity, int status, int attempts)
    {
        activity?.SetTag("http.response.status_code", status);
        activity?.SetTag("zoho.attempts", attempts);
    }

    internal static void Failed(Activity? activity, ZohoCrmException error)
    {
        if (activity is null)
        {
            return;
        }

        if (error.HttpStatus is int status)
        {
            activity.SetTag("http.response.status_code", status);
        }

        activity.SetTag("zoho.error_code", error.Code);
        activity.SetTag("zoho.attempts", error.Attempts);
        activity.SetStatus(ActivityStatusCode.Error, error.Code);
    }

    /// <summary>One exchange that Zoho answered: a call and a credit.</summary>
    internal static void CountAnswer(ZohoOperation operation, int status)
    {
        var op = new KeyValuePair<string, object?>("operation", operation.ToString());
        Calls.Add(1, op, new KeyValuePair<string, object?>("status", status.ToString(CultureInfo.InvariantCulture)));
        Credits.Add(1, op);
    }

    /// <summary>One exchange that got no answer (timeout, connection failure): a call, no credit.</summary>
    internal static void CountNoAnswer(ZohoOperation operation, string code) =>
        Calls.Add(1, new KeyValuePair<string, object?>("operation", operation.ToString()), new KeyValuePair<string, object?>("status", code));
}
