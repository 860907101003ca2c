using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>What every part of one client shares (settings, HTTP, secret scrubbing, logs, clock), passed as one value
/// so each part names only the collaborators that are its own.</summary>
internal sealed record ZohoClientContext(
    ZohoCrmClientOptions Options,
    ZohoFlurlClients Http,
    SecretRedactor Redactor,
    ILogger Logger,
    TimeProvider Time);
