using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Control;

/// <summary>An injected failure of a Zoho call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>HTTP 500 <c>INTERNAL_ERROR</c>.</summary>
    InternalError,

    /// <summary>HTTP 429 <c>TOO_MANY_REQUESTS</c>.</summary>
    TooManyRequests,

    /// <summary>The connection is aborted before the call is served: nothing changes.</summary>
    DropConnection,

    /// <summary>The call is served (it takes effect) but the connection drops before the answer: a lost response.</summary>
    DropResponse,
}
