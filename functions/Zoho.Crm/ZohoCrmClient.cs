using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
    private readonly ZohoCrmClientOptions _options;
    private readonly ZohoFlurlClients _http;
    private readonly SecretRedactor _redactor;
    private readonly ZohoTokenProvider _tokens;
    private readonly ZohoApiTransport _transport;
    private readonly ZohoUserDirectory _directory;
    private readonly ILogger _logger;

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

    /// <summary>Creates a client whose calls each take a fresh <see cref="HttpClient"/> from the factory (so its handlers rotate and DNS changes are seen).</summary>
    /// <param name="options">Validated here; a copy is not taken, so do not change it afterwards.</param>
    /// <param name="httpClientFactory">The app's factory.</param>
    /// <param name="httpClientName">The named client to use (e.g. with extra handlers). Its Timeout does not limit calls: <see cref="ZohoCrmClientOptions.RequestTimeout"/> does.</param>
    /// <param name="tokenCache">Where tokens are cached; share one across instances (Zoho issues 10 tokens per 10 minutes).</param>
    /// <param name="logger">Per-call structured logs; secrets are never logged.</param>
    public ZohoCrmClient(ZohoCrmClientOptions options, IHttpClientFactory httpClientFactory, string httpClientName,
        IZohoTokenCache? tokenCache = null, ILogger<ZohoCrmClient>? logger = null)
        : this(options, endpoints => ZohoFlurlClients.FromFactory(httpClientFactory, httpClientName, endpoints), tokenCache, logger, TimeProvider.System)
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
        ILogger<ZohoCrmClient>? logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        ILogger log = logger ?? NullLogger<ZohoCrmClient>.Instance;
        _logger = log;

        var endpoints = options.ResolveEndpoints();
        _http = http(endpoints);
        _redactor = new SecretRedactor(options.ClientSecret, options.RefreshToken);
        _tokens = new ZohoTokenProvider(options, endpoints.AccountsUri, _http, tokenCache ?? new InMemoryZohoTokenCache(), _redactor, log, time);
        _transport = new ZohoApiTransport(options, _http, _tokens, _redactor, log, time);
        _directory = new ZohoUserDirectory(ct => GetUsersAsync("AllUsers", ct), GetUserAsync, options.UserDirectoryTtl, time, log);
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
        TransferAndDeleteValidation.ThrowIfInvalid(request);
        var response = await SendTransferAndDeleteAsync(request.UrlForm ? request.UserId : null, TransferAndDeleteBody.Build(request),
            request.UserId, cancellationToken).ConfigureAwait(false);
        return ReadTransferJob(response);
    }

    /// <summary>The state of a transfer-and-delete job.</summary>
    /// <exception cref="ZohoJobNotFoundException">Zoho knows no such job (HTTP 204).</exception>
    public async Task<TransferJobStatus> GetTransferAndDeleteStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetTransferAndDeleteStatus, "job status request",
            ClientValidation.IsId(jobId) ? [] : [(ZohoErrorCodes.RequiredParamMissing, "jobId is required and must not contain whitespace.")]);

        var response = await _transport.SendAsync(new ZohoApiRequest
        {
            Operation = ZohoOperation.GetTransferAndDeleteStatus,
            Method = HttpMethod.Get,
            Path = ["users", "actions", "transfer_and_delete"],
            Query = [ZohoApiRequest.Param("job_id", jobId)],
            // In a burst, transfers queue for the slots; an answer that a job has ended is what frees the caller's job
            // capacity and announces completion, so it must not wait behind them. There are never more status reads
            // than running jobs, so they cannot starve the transfers.
            Priority = CallPriority.High,
        }, cancellationToken).ConfigureAwait(false);

        if (response.IsNoContent)
        {
            throw new ZohoJobNotFoundException(jobId);
        }

        var item = FirstItem(response.Body, "transfer_and_delete") ?? response.Body!.Value;
        var raw = ZohoJson.GetString(item, "status");
        if (raw is null)
        {
            throw Unexpected(ZohoOperation.GetTransferAndDeleteStatus, response, "the answer has no job status");
        }

        return new TransferJobStatus(TransferJobStatus.Parse(raw), raw, _redactor.Redact(ZohoJson.GetString(item, "reason")));
    }

    /// <summary>Deletes a role and moves its users to another role (synchronous in Zoho).</summary>
    /// <exception cref="ZohoCrmException">
    /// A Zoho error; AlreadyDone when a retry after a lost answer finds the role gone.
    /// </exception>
    public async Task DeleteRoleAsync(string roleId, string transferToRoleId, CancellationToken cancellationToken = default)
    {
        var problems = new List<(string Code, string Text)>();
        if (!ClientValidation.IsId(roleId))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "roleId (the role to delete) is required and must not contain whitespace."));
        }

        if (!ClientValidation.IsId(transferToRoleId))
        {
            problems.Add((ZohoErrorCodes.RequiredParamMissing, "transferToRoleId (transfer_to_id) is required and must not contain whitespace."));
        }
        else if (string.Equals(roleId, transferToRoleId, StringComparison.Ordinal))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "transferToRoleId is the role being deleted."));
        }

        ClientValidation.ThrowIfAny(ZohoOperation.DeleteRole, "role deletion", problems);
        await SendDeleteRoleAsync(roleId, [ZohoApiRequest.Param("transfer_to_id", transferToRoleId)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves portal users from one user type to another. Long id lists are sent in several calls
    /// (<see cref="ZohoCrmClientOptions.PortalTransferBatchSize"/>); each user gets an outcome.
    /// </summary>
    /// <exception cref="ZohoCrmException">An error for the whole call (permission, licence, scope, retries exhausted).</exception>
    public async Task<PortalUserTypeTransferResult> TransferPortalUsersAsync(string portalName, string fromUserTypeId, string toUserTypeId,
        IReadOnlyList<string> personalityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personalityIds);
        var ids = PortalTransferValidation.ThrowIfInvalid(portalName, fromUserTypeId, toUserTypeId, personalityIds);

        var outcomes = new List<PortalUserTransferOutcome>(ids.Count);
        var calls = 0;
        foreach (var batch in ids.Chunk(_options.PortalTransferBatchSize))
        {
            calls++;
            var query = PortalQuery(toUserTypeId, batch);
            var batchOutcomes = (await SendPortalTransferAsync(portalName, fromUserTypeId, query, batch, cancellationToken).ConfigureAwait(false)).ToList();

            // Zoho may refuse a whole call because of some ids; the others are sent once more on their own.
            var refused = batchOutcomes.Where(o => o.Code == ZohoErrorCodes.ClientBatchRejected).Select(o => o.PersonalityId).ToList();
            if (refused.Count > 0 && refused.Count < batch.Length)
            {
                calls++;
                var retried = (await SendPortalTransferAsync(portalName, fromUserTypeId, PortalQuery(toUserTypeId, refused), refused, cancellationToken).ConfigureAwait(false))
                    .ToDictionary(o => o.PersonalityId, StringComparer.Ordinal);
                batchOutcomes = batchOutcomes.Select(o => retried.GetValueOrDefault(o.PersonalityId, o)).ToList();
            }

            outcomes.AddRange(batchOutcomes);
        }

        return new PortalUserTypeTransferResult(portalName, fromUserTypeId, toUserTypeId, outcomes) { Calls = calls };
    }

    /// <summary>Lists users of a <paramref name="type"/> (AllUsers, ActiveUsers, DeletedUsers, …), page by page.</summary>
    public async IAsyncEnumerable<ZohoUser> GetUsersAsync(string type = "AllUsers", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUsers, "user listing",
            ClientValidation.IsId(type) ? [] : [(ZohoErrorCodes.InvalidData, "type must be a Zoho user type such as AllUsers or ActiveUsers.")]);

        for (var page = 1; ; page++)
        {
            var response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.GetUsers,
                Method = HttpMethod.Get,
                Path = ["users"],
                Query =
                [
                    ZohoApiRequest.Param("type", type),
                    ZohoApiRequest.Param("page", page.ToString(CultureInfo.InvariantCulture)),
                    ZohoApiRequest.Param("per_page", _options.UsersPageSize.ToString(CultureInfo.InvariantCulture)),
                ],
            }, cancellationToken).ConfigureAwait(false);

            if (response.IsNoContent)
            {
                yield break;
            }

            var users = ZohoUserReader.ReadUsers(response.Body);
            foreach (var user in users)
            {
                yield return user;
            }

            if (users.Count == 0 || !ZohoUserReader.HasMoreRecords(response.Body))
            {
                yield break;
            }
        }
    }

    /// <summary>One user by id, read fresh from Zoho; null when Zoho knows no such user.</summary>
    public async Task<ZohoUser?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUser, "user request",
            ClientValidation.IsId(userId) ? [] : [(ZohoErrorCodes.InvalidData, "userId is required and must not contain whitespace.")]);
        try
        {
            var response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.GetUser,
                Method = HttpMethod.Get,
                Path = ["users", userId],
            }, cancellationToken).ConfigureAwait(false);
            return response.IsNoContent ? null : ZohoUserReader.ReadUsers(response.Body).FirstOrDefault();
        }
        catch (ZohoCrmException ex) when (ex.Code == ZohoErrorCodes.InvalidData && ex.HttpStatus == 400)
        {
            // "the id given seems to be invalid": no such user.
            return null;
        }
    }

    /// <summary>
    /// The user with this email (case-insensitive, active users first), from a listing cached for
    /// <see cref="ZohoCrmClientOptions.UserDirectoryTtl"/>, because Zoho cannot search users by email.
    /// </summary>
    /// <remarks>After a transfer-and-delete sent through this client, the leaver and their direct reports are read fresh
    /// until Zoho shows the job's effects; everyone else comes from the listing.</remarks>
    public Task<ZohoUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUsers, "user lookup",
            string.IsNullOrWhiteSpace(email) ? [(ZohoErrorCodes.InvalidData, "email is required.")] : []);
        return _directory.FindByEmailAsync(email, cancellationToken);
    }

    /// <summary>The concurrency slots this client's calls share (tests watch who waits for them).</summary>
    internal PriorityConcurrencyGate CallSlots => _transport.Slots;

    /// <summary>
    /// The user with this id from the listing <see cref="FindUserByEmailAsync"/> caches (no Zoho call while it is
    /// fresh); null when Zoho knows no such user. Use <see cref="GetUserAsync"/> when the answer must be Zoho's state now.
    /// </summary>
    /// <remarks>Same trust rules as the email lookup; an id missing from the listing is read with GET users/{id}. Changes
    /// made outside this client show once the listing is read again.</remarks>
    public Task<ZohoUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUser, "user lookup",
            ClientValidation.IsId(userId) ? [] : [(ZohoErrorCodes.InvalidData, "userId is required and must not contain whitespace.")]);
        return _directory.FindByIdAsync(userId, cancellationToken);
    }

    /// <summary>Token requests this client has sent to the accounts server (diagnostics).</summary>
    internal int TokenRequestCount => _tokens.TokenRequests;

    /// <summary>Sends any request through the transport (tests reach endpoints and methods the public API never uses).</summary>
    internal Task<ZohoApiResponse> SendRawAsync(ZohoApiRequest request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);

    /// <summary>Drops the cached user listing so the next email lookup reads Zoho again.</summary>
    public void InvalidateUserDirectory() => _directory.Invalidate();

    public void Dispose()
    {
        _directory.Dispose();
        _tokens.Dispose();
        _http.Dispose();
    }

    /// <summary>Sends a transfer-and-delete body as given, without client-side validation (tests reach Zoho's own checks with it).</summary>
    internal async Task<ZohoApiResponse> SendTransferAndDeleteAsync(string? urlUserId, byte[] body, string? userIdToCheck,
        CancellationToken cancellationToken)
    {
        ZohoApiResponse response;
        try
        {
            response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.TransferAndDeleteUser,
                Method = HttpMethod.Post,
                Path = urlUserId is null ? ["users", "actions", "transfer_and_delete"] : ["users", urlUserId, "actions", "transfer_and_delete"],
                JsonBody = body,
                BeforeResendAfterAmbiguity = userIdToCheck is null ? null : ct => StopIfAlreadyDeletedAsync(userIdToCheck, ct),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (MayHaveScheduledJob(ex))
        {
            ExpectTransferAndDelete(userIdToCheck ?? urlUserId);
            throw;
        }

        ExpectTransferAndDelete(userIdToCheck ?? urlUserId);
        return response;
    }

    /// <summary>Sends a role deletion with the query as given (tests reach Zoho's own checks with it).</summary>
    internal async Task SendDeleteRoleAsync(string roleId, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.DeleteRole,
                Method = HttpMethod.Delete,
                Path = ["settings", "roles", roleId],
                Query = query,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (ex.EarlierAttemptAmbiguous && ex.Code == ZohoErrorCodes.InvalidData &&
                                          ex.GetDetail("resource_path_index") is not null && ex.GetDetail("param_name") is null)
        {
            // The role in the URL no longer exists after an attempt whose answer was lost: that attempt deleted it.
            throw new ZohoCrmException(ex.Code, ex.Message, ZohoOperation.DeleteRole, ex.HttpStatus, ex.ZohoMessage, ex.Details,
                ZohoErrorClassification.AlreadyDone, ex)
            {
                Attempts = ex.Attempts,
                EarlierAttemptAmbiguous = true,
            };
        }
    }

    /// <summary>Sends one portal transfer call with the query as given and reads per-user outcomes.</summary>
    internal async Task<IEnumerable<PortalUserTransferOutcome>> SendPortalTransferAsync(string portalName, string fromUserTypeId,
        IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.TransferPortalUsers,
                Method = HttpMethod.Post,
                Path = ["settings", "portals", portalName, "user_type", fromUserTypeId, "users", "action", "transfer"],
                Query = query,
                ReturnsItemErrors = true,
            }, cancellationToken).ConfigureAwait(false);
            return PortalTransferReader.Read(batch, response, _redactor).ToList();
        }
        catch (ZohoCrmException ex) when (ex.Code == ZohoErrorCodes.InvalidData)
        {
            // Zoho rejected the batch as a whole (e.g. an invalid user type): every user in it failed for that reason.
            return PortalTransferReader.RejectedBatch(batch, ex).ToList();
        }
    }

    private async Task StopIfAlreadyDeletedAsync(string userId, CancellationToken cancellationToken)
    {
        ZohoLog.CheckingBeforeResubmit(_logger, ZohoOperation.TransferAndDeleteUser, userId);
        var user = await GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user?.Status == ZohoUserStatus.Deleted)
        {
            throw new ZohoCrmException(ZohoErrorCodes.ClientUserAlreadyDeleted,
                $"Zoho CRM reports user {userId} deleted after a transfer-and-delete attempt whose answer was lost; not resubmitting.",
                ZohoOperation.TransferAndDeleteUser, classification: ZohoErrorClassification.AlreadyDone)
            {
                EarlierAttemptAmbiguous = true,
            };
        }

        if (!_options.ResubmitTransferAfterUnknownOutcome)
        {
            // Classified transient but thrown from inside the retry loop's attempt: stop retrying here explicitly.
            throw new ZohoCrmException(ZohoErrorCodes.ClientOutcomeUnknown,
                $"A transfer-and-delete attempt for user {userId} may have reached Zoho without its answer arriving, and the user is " +
                "not deleted yet; not resubmitting (ResubmitTransferAfterUnknownOutcome is off). Check the user again later.",
                ZohoOperation.TransferAndDeleteUser)
            {
                EarlierAttemptAmbiguous = true,
                StopsRetries = true,
            };
        }
    }

    /// <summary>
    /// Only the users the job changes (the leaver, the leaver's reports) are read again on their next email lookup;
    /// the rest of the cached listing stays valid.
    /// </summary>
    private void ExpectTransferAndDelete(string? userId)
    {
        if (userId is not null)
        {
            _directory.ExpectTransferAndDelete(userId);
        }
    }

    /// <summary>False only when Zoho clearly refused the request, so no job exists for it.</summary>
    private static bool MayHaveScheduledJob(Exception ex) =>
        ex is not ZohoCrmException zoho || zoho.EarlierAttemptAmbiguous || zoho.Classification == ZohoErrorClassification.AlreadyDone;

    private static KeyValuePair<string, string>[] PortalQuery(string toUserTypeId, IEnumerable<string> personalityIds) =>
        [ZohoApiRequest.Param("transfer_To", toUserTypeId), ZohoApiRequest.Param("personality_ids", string.Join(',', personalityIds))];

    private TransferJob ReadTransferJob(ZohoApiResponse response)
    {
        var item = FirstItem(response.Body, "transfer_and_delete") ?? response.Body;
        if (item is { } found && ZohoErrorBody.TryRead(found, out var error))
        {
            // A failed item inside a 2xx answer.
            throw new ZohoCrmException(error.Code, ZohoCrmException.Describe(ZohoOperation.TransferAndDeleteUser, error.Code, response.Status,
                _redactor.Redact(error.Message)), ZohoOperation.TransferAndDeleteUser, response.Status, _redactor.Redact(error.Message), error.Details);
        }

        var details = item is { } i && i.TryGetProperty("details", out var d) ? d : default;
        var jobId = ZohoJson.GetString(details, "jobId") ?? ZohoJson.GetString(details, "job_id");
        if (string.IsNullOrEmpty(jobId))
        {
            // The job may well be scheduled; without its id it cannot be polled. Permanent, so nothing resubmits it.
            throw Unexpected(ZohoOperation.TransferAndDeleteUser, response, "the answer has no jobId/job_id");
        }

        return new TransferJob(jobId) { UserId = ZohoJson.GetString(details, "id"), EarlierAttemptAmbiguous = response.EarlierAttemptAmbiguous };
    }

    private static JsonElement? FirstItem(JsonElement? body, string wrapper) =>
        body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(wrapper, out var array) &&
        array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0
            ? array[0]
            : null;

    private static ZohoCrmException Unexpected(ZohoOperation operation, ZohoApiResponse response, string what) =>
        new(ZohoErrorCodes.ClientUnexpectedResponse,
            string.Create(CultureInfo.InvariantCulture, $"Zoho CRM {operation} answered HTTP {response.Status} but {what}."),
            operation, response.Status, classification: ZohoErrorClassification.Permanent);
}
