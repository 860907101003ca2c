using System.Text.Json;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>Reads a timer trigger invocation: <c>ScheduleStatus</c> is null when the host keeps no schedule monitor.</summary>
internal static class TimerInvocationPayload
{
    public static TimerTriggerInfo ToInfo(JsonElement trigger)
    {
        var timer = PayloadJson.ObjectOrEncodedObject(trigger) ?? throw new InvocationPayloadException(
            "The timer trigger's information is missing from the invocation payload.");
        var status = PayloadJson.ObjectOrEncodedObject(PayloadJson.Property(timer, "ScheduleStatus"));
        return new TimerTriggerInfo(
            PayloadJson.Boolean(PayloadJson.Property(timer, "IsPastDue")),
            status is { } s ? PayloadJson.Time(PayloadJson.Property(s, "Last")) : null,
            status is { } t ? PayloadJson.Time(PayloadJson.Property(t, "Next")) : null);
    }
}
