using System.Diagnostics;

namespace Offboarding.Functions.Diagnostics;

/// <summary>One trace per offboarding: each step's span continues the trace its intake started, whose W3C
/// <c>traceparent</c> travels on the queue message and the record, so no step needs the previous one's process.</summary>
public static class OffboardingTelemetry
{
    /// <summary>The name of the app's <see cref="ActivitySource"/> and of its meter.</summary>
    public const string Name = "Offboarding.Functions";

    /// <summary>The span tag that names the offboarding (its id is a hash: no personal data).</summary>
    public const string OffboardingIdTag = "offboarding.id";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>A step's span under the current one (the incoming request's, when there is one), else a new trace.</summary>
    public static Activity? StartStep(string name, string offboardingId, ActivityKind kind = ActivityKind.Internal) =>
        Source.StartActivity(name, kind)?.SetTag(OffboardingIdTag, offboardingId);

    /// <summary>A step's span in the offboarding's own trace (<paramref name="traceParent"/>), linked to the current span (the
    /// trigger's invocation); with no usable parent, under the current span as <see cref="StartStep(string, string, ActivityKind)"/>.</summary>
    public static Activity? StartStep(string name, string offboardingId, string? traceParent, string? traceState = null, ActivityKind kind = ActivityKind.Internal)
    {
        if (traceParent is null || !ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent))
        {
            return StartStep(name, offboardingId, kind);
        }

        ActivityLink[]? links = Activity.Current is { } current ? [new ActivityLink(current.Context)] : null;
        return Source.StartActivity(name, kind, parent, links: links)?.SetTag(OffboardingIdTag, offboardingId);
    }

    /// <summary>The W3C <c>traceparent</c> of <paramref name="activity"/> (or of the current span); null without one.</summary>
    public static string? TraceParentOf(Activity? activity) =>
        (activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParentOf"/>; null when empty.</summary>
    public static string? TraceStateOf(Activity? activity) =>
        (activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C, TraceStateString: { Length: > 0 } state } ? state : null;
}
