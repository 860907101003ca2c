using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Zoho.Crm;

/// <summary>
/// Zoho CRM client for offboarding: transfer-and-delete users, delete roles, move portal users, read users.
/// Thread-safe; create one per application, since it holds the token, the concurrency limit and the user directory.
/// </summary>
/// <remarks>
/// Errors are <see cref="ZohoCrmException"/>s; transient ones are retried here first, except CONCURRENT_JOB_LIMIT_EXCEEDED,
/// which surfaces at once (nothing was scheduled). Transfer-and-delete is irreversible and Zoho lists no jobs, so an
/// ambiguous attempt is resent only after reading the user (deleted: <see cref="ZohoErrorClassification.AlreadyDone"/>);
/// callers that must never double-submit persist their intent first. See the README's "Zoho CRM client".
/// </remarks>
public sealed class ZohoCrmClient : IDisposable
{
    private readonly ZohoFlurlClients _http;
    private readonly ZohoTokenProvider _tokens;
    private readonly ZohoApiTransport _transport;
    private readonly ZohoUserLookup _users;
    private readonly TransferAndDeleteOperation _transferAndDelete;
    private readonly TransferJobStatusOperation _transferStatus;
    private readonly DeleteRoleOperation _deleteRole;
    private readonly PortalTransferOperation _portalTransfer;

    /// <summary>Creates a client; usable without dependency injection.</summary>
    /// <param name="options">Validated here; a copy is not taken, so do not change it afterwards.</param>
    /// <param name="httpClient">Used for every call, not disposed; it must be unused, as Flurl takes over its Timeout
    /// (<see cref="ZohoCrmClientOptions.RequestTimeout"/> bounds calls). Null: the client makes its own.</param>
    /// <param name="tokenCache">Where tokens are cached; share one across instances (Zoho issues 10 tokens per 10 minutes).</param>
    /// <param name="logger">Per-call structured logs; secrets are never logged.</param>
    public ZohoCrmClient(ZohoCrmClientOptions options, HttpClient? httpClient = null, IZohoTokenCache? tokenCache = null,
        ILogger<ZohoCrmClient>? logger = null)
        : this(options, httpClient, tokenCache, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates a client whose calls each take a fresh <see cref="HttpClient"/> from the factory, so its
    /// handlers rotate and DNS changes are seen.</summary>
    /// <param name="options">Validated here; a copy is not taken, so do not change it afterwards.</param>
    /// <param name="httpClientFactory">The app's factory.</param>
    /// <param name="httpClientName">The named client to use (e.g. with extra handlers). Its Timeout does not limit calls: <see cref="ZohoCrmClientOptions.RequestTimeout"/> does.</param>
    /// <param name="tokenCache">Where tokens are cached; share one across instances (Zoho issues 10 tokens per 10 minutes).</param>
    /// <param name="logger">Per-call structured logs; secrets are never logged.</param>
    /// <param name="creditGate">Asked before every CRM call whether the org's API credits allow it; null: every call is sent.</param>
    public ZohoCrmClient(ZohoCrmClientOptions options, IHttpClientFactory httpClientFactory, string httpClientName,
        IZohoTokenCache? tokenCache = null, ILogger<ZohoCrmClient>? logger = null, IZohoCreditGate? creditGate = null)
        : this(options, endpoints => ZohoFlurlClients.FromFactory(httpClientFactory, httpClientName, endpoints), tokenCache, logger, TimeProvider.System, creditGate)
    {
    }

    internal ZohoCrmClient(ZohoCrmClientOptions options, HttpClient? httpClient, IZohoTokenCache? tokenCache,
        ILogger<ZohoCrmClient>? logger, TimeProvider time)
        : this(options, endpoints => httpClient is null
            ? ZohoFlurlClients.Own(endpoints)
            : ZohoFlurlClients.Over(httpClient, endpoints), tokenCache, logger, time)
    {
    }

    internal ZohoCrmClient(ZohoCrmClientOptions options, Func<ZohoEndpoints, ZohoFlurlClients> http, IZohoTokenCache? tokenCache,
        ILogger<ZohoCrmClient>? logger, TimeProvider time, IZohoCreditGate? creditGate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var endpoints = options.ResolveEndpoints();
        _http = http(endpoints);
        var context = new ZohoClientContext(options, _http, new SecretRedactor(options.ClientSecret, options.RefreshToken),
            logger ?? NullLogger<ZohoCrmClient>.Instance, time)
        { Credits = creditGate ?? UnmeteredCreditGate.Instance };
        _tokens = new ZohoTokenProvider(context, endpoints.AccountsUri, tokenCache ?? new InMemoryZohoTokenCache());
        _transport = new ZohoApiTransport(context, _tokens);
        _users = new ZohoUserLookup(context, _transport);
        _transferAndDelete = new TransferAndDeleteOperation(context, _transport, _users);
        _transferStatus = new TransferJobStatusOperation(_transport, context.Redactor);
        _deleteRole = new DeleteRoleOperation(_transport);
        _portalTransfer = new PortalTransferOperation(_transport, context.Redactor, options.PortalTransferBatchSize);
    }

    /// <summary>The key this client's token is cached under (a hash; reveals nothing about the credentials).</summary>
    public string TokenCacheKey => _tokens.CacheKey;

    /// <summary>
    /// Schedules Zoho's job that transfers the user's work and deletes the user. One user per call.
    /// </summary>
    /// <returns>The job to poll with <see cref="GetTransferAndDeleteStatusAsync"/>.</returns>
    /// <exception cref="ZohoCrmException">
    /// Invalid request (client-side, nothing sent), a Zoho error, or retries exhausted. AlreadyDone when the user
    /// is already deleted (see the class remarks on resubmission).
    /// </exception>
    public async Task<TransferJob> TransferAndDeleteUserAsync(TransferAndDeleteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await _transferAndDelete.ScheduleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state of a transfer-and-delete job.</summary>
    /// <exception cref="ZohoJobNotFoundException">Zoho knows no such job (HTTP 204).</exception>
    public Task<TransferJobStatus> GetTransferAndDeleteStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transferStatus.GetAsync(jobId, cancellationToken);

    /// <summary>Deletes a role and moves its users to another role (synchronous in Zoho).</summary>
    /// <exception cref="ZohoCrmException">
    /// A Zoho error; AlreadyDone when a retry after a lost answer finds the role gone.
    /// </exception>
    public Task DeleteRoleAsync(string roleId, string transferToRoleId, CancellationToken cancellationToken = default) =>
        _deleteRole.DeleteAsync(roleId, transferToRoleId, cancellationToken);

    /// <summary>
    /// Moves portal users from one user type to another. Long id lists are sent in several calls
    /// (<see cref="ZohoCrmClientOptions.PortalTransferBatchSize"/>); each user gets an outcome.
    /// </summary>
    /// <exception cref="ZohoCrmException">An error for the whole call (permission, licence, scope, retries exhausted).</exception>
    public async Task<PortalUserTypeTransferResult> TransferPortalUsersAsync(string portalName, string fromUserTypeId, string toUserTypeId,
        IReadOnlyList<string> personalityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personalityIds);
        return await _portalTransfer.TransferAsync(portalName, fromUserTypeId, toUserTypeId, personalityIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists users of a <paramref name="type"/> (AllUsers, ActiveUsers, DeletedUsers, …), page by page.</summary>
    public IAsyncEnumerable<ZohoUser> GetUsersAsync(string type = "AllUsers", CancellationToken cancellationToken = default) =>
        _users.ListAsync(type, cancellationToken);

    /// <summary>One user by id, read fresh from Zoho; null when Zoho knows no such user.</summary>
    public Task<ZohoUser?> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _users.GetAsync(userId, cancellationToken);

    /// <summary>
    /// The user with this email (case-insensitive, active users first), from a listing cached for
    /// <see cref="ZohoCrmClientOptions.UserDirectoryTtl"/>, because Zoho cannot search users by email.
    /// </summary>
    /// <remarks>After a transfer-and-delete sent through this client, the leaver and their direct reports are read fresh
    /// until Zoho shows the job's effects; everyone else comes from the listing.</remarks>
    public Task<ZohoUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        _users.FindByEmailAsync(email, cancellationToken);

    /// <summary>
    /// The user with this id from the listing <see cref="FindUserByEmailAsync"/> caches (no Zoho call while it is
    /// fresh); null when Zoho knows no such user. Use <see cref="GetUserAsync"/> when the answer must be Zoho's state now.
    /// </summary>
    /// <remarks>Same trust rules as the email lookup; an id missing from the listing is read with GET users/{id}. Changes
    /// made outside this client show once the listing is read again.</remarks>
    public Task<ZohoUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _users.FindByIdAsync(userId, cancellationToken);

    /// <summary>Drops the cached user listing so the next email lookup reads Zoho again.</summary>
    public void InvalidateUserDirectory() => _users.Invalidate();

    /// <summary>Releases the user directory, the token gate and any HttpClient the client made itself.</summary>
    public void Dispose()
    {
        _users.Dispose();
        _tokens.Dispose();
        _http.Dispose();
    }

    /// <summary>The concurrency slots this client's calls share (tests watch who waits for them).</summary>
    internal PriorityConcurrencyGate CallSlots => _transport.Slots;

    /// <summary>Token requests this client has sent to the accounts server (diagnostics).</summary>
    internal int TokenRequestCount => _tokens.TokenRequests;

    /// <summary>Sends any request through the transport (tests reach endpoints and methods the public API never uses).</summary>
    internal Task<ZohoApiResponse> SendRawAsync(ZohoApiRequest request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);

    /// <summary>Sends a transfer-and-delete body as given, without client-side validation (tests reach Zoho's own checks).</summary>
    internal Task<ZohoApiResponse> SendTransferAndDeleteAsync(string? urlUserId, byte[] body, string? userIdToCheck,
        CancellationToken cancellationToken) => _transferAndDelete.SendAsync(urlUserId, body, userIdToCheck, cancellationToken);

    /// <summary>Sends a role deletion with the query as given (tests reach Zoho's own checks with it).</summary>
    internal Task SendDeleteRoleAsync(string roleId, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        _deleteRole.SendAsync(roleId, query, cancellationToken);

    /// <summary>Sends one portal transfer call with the query as given (tests reach Zoho's own checks with it).</summary>
    internal Task<IEnumerable<PortalUserTransferOutcome>> SendPortalTransferAsync(string portalName, string fromUserTypeId,
        IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<string> batch, CancellationToken cancellationToken) =>
        _portalTransfer.SendAsync(portalName, fromUserTypeId, query, batch, cancellationToken);
}
