using System.Globalization;
using System.Text.RegularExpressions;

namespace Zoho.Crm;

/// <summary>Configuration of a <see cref="ZohoCrmClient"/>. Bindable from configuration (every property has a setter).</summary>
public sealed partial class ZohoCrmClientOptions
{
    /// <summary>The data centre hosting the org; ignored for whichever of <see cref="AccountsUri"/>/<see cref="ApiUri"/> is set.</summary>
    public ZohoDataCenter DataCenter { get; set; } = ZohoDataCenter.US;

    /// <summary>Production, sandbox or developer org (selects the API host within the data centre).</summary>
    public ZohoEnvironment Environment { get; set; } = ZohoEnvironment.Production;

    /// <summary>Explicit accounts server (e.g. a local sandbox); overrides <see cref="DataCenter"/>.</summary>
    public Uri? AccountsUri { get; set; }

    /// <summary>Explicit CRM API domain; overrides <see cref="DataCenter"/>. The token response's <c>api_domain</c> still wins.</summary>
    public Uri? ApiUri { get; set; }

    /// <summary>OAuth client id from the Zoho API console.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>OAuth client secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Refresh token of the org's super admin (transfer-and-delete is super-admin only). Never logged.</summary>
    public string RefreshToken { get; set; } = "";

    /// <summary>CRM API version in the path: v2, v2.1, v3 … v8. v8 is the newest the facts cover.</summary>
    public string ApiVersion { get; set; } = "v8";

    /// <summary>
    /// Most CRM calls in flight at once; 4 stays under every edition's limit (Free 5 … Ultimate 25), above which Zoho
    /// answers 429. A freed slot goes to a waiting job-status read first, so completions are not late in a burst.
    /// </summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, dropped connections).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on the computed back-off delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait a Retry-After or rate-limit header is honoured for; beyond it the error surfaces instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Timeout of one attempt of a CRM call: getting a token, waiting for a concurrency slot, the exchange, and the one
    /// refresh-and-resend after INVALID_TOKEN all count against it. The HttpClient's own Timeout does not apply.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refresh the access token this long before it expires (capped at half the token's lifetime).</summary>
    public TimeSpan RefreshSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the user listing behind <see cref="ZohoCrmClient.FindUserByEmailAsync"/> is reused.</summary>
    public TimeSpan UserDirectoryTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Users per page when listing (Zoho's maximum is 200).</summary>
    public int UsersPageSize { get; set; } = 200;

    /// <summary>
    /// Personality ids per portal transfer call. Zoho documents no maximum; long lists are split so the query
    /// string stays well under URL limits (100 ids of 19 digits ≈ 2 KB).
    /// </summary>
    public int PortalTransferBatchSize { get; set; } = 100;

    /// <summary>
    /// After an ambiguous transfer-and-delete (a 5xx, a lost answer): true reads the user and, still there, resends, and Zoho
    /// may then hold two jobs; false throws a transient <see cref="ZohoErrorCodes.ClientOutcomeUnknown"/> at once, without
    /// waiting to retry or reading the user (the job would not have run yet), so the caller checks the user later.
    /// </summary>
    public bool ResubmitTransferAfterUnknownOutcome { get; set; } = true;

    /// <summary>
    /// The longest one client call can take with these options, so that callers holding a claim or lease across a call
    /// can hold it at least this long.
    /// </summary>
    /// <remarks>
    /// (<see cref="MaxRetries"/> + 1) × <see cref="RequestTimeout"/> + <see cref="MaxRetries"/> × the longer of
    /// <see cref="RetryMaxDelay"/> and <see cref="MaxRetryAfter"/>, times one more for each read of the user before a resend
    /// (one per retry when <see cref="ResubmitTransferAfterUnknownOutcome"/> is on, none when off).
    /// </remarks>
    public TimeSpan WorstCaseCallDuration
    {
        get
        {
            var attempts = MaxRetries + 1.0;
            var longestWait = Math.Max(RetryMaxDelay.TotalSeconds, MaxRetryAfter.TotalSeconds);
            var oneCall = (attempts * RequestTimeout.TotalSeconds) + (MaxRetries * longestWait);
            var readsBeforeResend = ResubmitTransferAfterUnknownOutcome ? MaxRetries : 0;
            var seconds = oneCall * (1 + readsBeforeResend);
            return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>The endpoints after applying explicit URIs over the data-centre table.</summary>
    public ZohoEndpoints ResolveEndpoints()
    {
        var table = ZohoEndpoints.For(DataCenter, Environment);
        return new ZohoEndpoints(AccountsUri ?? table.AccountsUri, ApiUri ?? table.ApiUri);
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem; the message never contains secret values.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Zoho CRM client options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Every problem, each starting with the name of the property it is about.</summary>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add("ClientSecret is required.");
        }

        if (string.IsNullOrWhiteSpace(RefreshToken))
        {
            problems.Add("RefreshToken is required.");
        }

        if (ApiVersion is null || !ApiVersionPattern().IsMatch(ApiVersion))
        {
            problems.Add($"ApiVersion '{ApiVersion}' is not one of v2, v2.1, v3, v4, v5, v6, v7, v8.");
        }

        if (!Enum.IsDefined(DataCenter))
        {
            problems.Add($"DataCenter '{DataCenter}' is not a known Zoho data centre.");
        }

        if (!Enum.IsDefined(Environment))
        {
            problems.Add($"Environment '{Environment}' is not a known Zoho environment.");
        }

        CheckAbsoluteHttp(AccountsUri, nameof(AccountsUri), problems);
        CheckAbsoluteHttp(ApiUri, nameof(ApiUri), problems);
        CheckRange(MaxConcurrency, 1, 1000, nameof(MaxConcurrency), problems);
        CheckRange(MaxRetries, 0, 20, nameof(MaxRetries), problems);
        CheckRange(UsersPageSize, 1, 200, nameof(UsersPageSize), problems);
        CheckRange(PortalTransferBatchSize, 1, 500, nameof(PortalTransferBatchSize), problems);
        CheckPositive(RetryBaseDelay, nameof(RetryBaseDelay), problems, allowZero: true);
        CheckPositive(RetryMaxDelay, nameof(RetryMaxDelay), problems, allowZero: true);
        CheckPositive(MaxRetryAfter, nameof(MaxRetryAfter), problems, allowZero: true);
        CheckPositive(RequestTimeout, nameof(RequestTimeout), problems, allowZero: false);
        CheckPositive(RefreshSkew, nameof(RefreshSkew), problems, allowZero: true);
        CheckPositive(UserDirectoryTtl, nameof(UserDirectoryTtl), problems, allowZero: true);

        return problems;
    }

    private static void CheckAbsoluteHttp(Uri? uri, string name, List<string> problems)
    {
        if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"{name} must be an absolute http(s) URI.");
        }
    }

    private static void CheckRange(int value, int min, int max, string name, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max} (was {value})."));
        }
    }

    private static void CheckPositive(TimeSpan value, string name, List<string> problems, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            problems.Add($"{name} must be {(allowZero ? "zero or positive" : "positive")}.");
        }
    }

    [GeneratedRegex(@"^v(2(\.1)?|[3-8])$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
