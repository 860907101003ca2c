namespace Zoho.Crm;

/// <summary>Tells Zoho's "API credits exhausted" 429 from its concurrency 429: both are <c>TOO_MANY_REQUESTS</c>, and only
/// the message differs (the one place the client reads a message, since Zoho sends nothing structured for it).</summary>
internal static class ZohoCreditSignal
{
    public static bool IsExhaustion(string code, int? status, string? zohoMessage) =>
        status == 429 && code == ZohoErrorCodes.TooManyRequests &&
        zohoMessage is not null && zohoMessage.Contains("credit", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The gate every call asks when the app plugs in none: always go.</summary>
internal sealed class UnmeteredCreditGate : IZohoCreditGate
{
    public static UnmeteredCreditGate Instance { get; } = new();

    public ValueTask<ZohoCreditPermit> BeforeCallAsync(ZohoOperation operation, CancellationToken cancellationToken) => new(ZohoCreditPermit.Go);

    public ValueTask AfterCallAsync(ZohoOperation operation, ZohoCreditPermit permit, ZohoCallCost cost, CancellationToken cancellationToken) => default;
}
