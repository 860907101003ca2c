using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>What every part of one client shares (settings, HTTP, secret scrubbing, logs, clock), passed as one value
/// so each part names only the collaborators that are its own.</summary>
internal sealed record ZohoClientContext(
    ZohoCrmClientOptions Options,
    ZohoFlurlClients Http,
    SecretRedactor Redactor,
    ILogger Logger,
    TimeProvider Time)
{
    /// <summary>Asked before every CRM call (<see cref="IZohoCreditGate"/>); unmetered when the app plugs in none.</summary>
    public IZohoCreditGate Credits { get; init; } = UnmeteredCreditGate.Instance;
}
