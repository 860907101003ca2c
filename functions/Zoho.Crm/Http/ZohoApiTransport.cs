using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Flurl.Http;
using Flurl.Http.Content;
using Microsoft.Extensions.Logging;
using Polly;

namespace Zoho.Crm;

/// <summary>
/// Sends CRM calls through Flurl with the token, the concurrency gate, a per-attempt timeout, error mapping to
/// <see cref="ZohoCrmException"/> and retries of transient errors, so every call gets the same rules and logs.
/// </summary>
internal sealed class ZohoApiTransport(ZohoClientContext context, ZohoTokenProvider tokens)
{
    private readonly ZohoCrmClientOptions _options = context.Options;
    private readonly ZohoFlurlClients _http = context.Http;
    private readonly ZohoTokenProvider _tokens = tokens;
    private readonly SecretRedactor _redactor = context.Redactor;
    private readonly ILogger _logger = context.Logger;
    private readonly TimeProvider _time = context.Time;
    private readonly IZohoCreditGate _credits = context.Credits;
    private readonly ZohoRateLimitPause _pause = new(context.Options.MaxRetryAfter, context.Time, context.Logger);
    private readonly ResiliencePipeline _retry = ZohoRetryPipeline.Build(context.Options, context.Logger, context.Time);

    public async Task<ZohoApiResponse> SendAsync(ZohoApiRequest request, CancellationToken cancellationToken)
    {
        var call = new ZohoCallState(request);
        using var activity = ZohoTelemetry.StartCall(request.Operation, request.Method);
        try
        {
            var response = await _retry.ExecuteAsync(
                static (state, ct) => new ValueTask<ZohoApiResponse>(state.Transport.AttemptAsync(state.Call, ct)),
                (Transport: this, Call: call),
                cancellationToken).ConfigureAwait(false);
            ZohoTelemetry.Answered(activity, response.Status, call.Attempts);
            return response;
        }
        catch (ZohoCrmException ex)
        {
            ex.Attempts = call.Attempts;
            ex.EarlierAttemptAmbiguous = call.EarlierAttemptAmbiguous;
            ZohoTelemetry.Failed(activity, ex);
            throw;
        }
    }

    /// <summary>The concurrency slots every call of this client shares (tests watch who waits).</summary>
    public PriorityConcurrencyGate Slots { get; } = new(context.Options.MaxConcurrency);

    private async Task<ZohoApiResponse> AttemptAsync(ZohoCallState call, CancellationToken cancellationToken)
    {
        if (call.LastAttemptAmbiguous)
        {
            call.EarlierAttemptAmbiguous = true;
            if (call.Request.BeforeResendAfterAmbiguity is { } check)
            {
                // Outside this attempt's timeout: the check is a call of its own, with its own attempts.
                await check(cancellationToken).ConfigureAwait(false);
            }
        }

        call.LastAttemptAmbiguous = false;
        try
        {
            return await ExchangeAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (call.LastAttemptAmbiguous && call.Request.InsteadOfResendAfterAmbiguity is { } instead)
        {
            // The caller verifies such an outcome itself: no wait for a retry, no resend.
            call.EarlierAttemptAmbiguous = true;
            throw instead(ex);
        }
    }

    private async Task<ZohoApiResponse> ExchangeAsync(ZohoCallState call, CancellationToken cancellationToken)
    {
        // One timeout bounds the whole attempt (token, concurrency slot, exchange, and the one refresh-and-resend), so
        // the longest a call can take follows from the options alone: ZohoCrmClientOptions.WorstCaseCallDuration.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var token = await _tokens.GetTokenAsync(timeout.Token).ConfigureAwait(false);
            var (response, error) = await SendOnceAsync(call, token, timeout.Token).ConfigureAwait(false);

            if (error is { HttpStatus: 401 } && IsRejectedToken(error.Code) && !call.TokenRefreshed)
            {
                call.TokenRefreshed = true;
                ZohoLog.TokenRejected(_logger, call.Request.Operation, error.Code);
                token = await _tokens.RefreshAsync(token, timeout.Token).ConfigureAwait(false);
                (response, error) = await SendOnceAsync(call, token, timeout.Token).ConfigureAwait(false);
            }

            if (error is not null)
            {
                throw error;
            }

            return response!;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Ambiguous only if the request had been handed to HttpClient; a wait for a token or a slot sent nothing.
            throw TransportError(call, ZohoErrorCodes.ClientTimeout,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", ex, started);
        }
    }

    private static bool IsRejectedToken(string code) =>
        code is ZohoErrorCodes.InvalidToken or ZohoErrorCodes.InvalidOAuthToken or ZohoErrorCodes.AuthenticationFailure;

    /// <summary>One HTTP exchange. Returns the answer or the error it amounts to (thrown by the caller).</summary>
    private async Task<(ZohoApiResponse? Response, ZohoCrmException? Error)> SendOnceAsync(
        ZohoCallState call, ZohoAccessToken token, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var path = request.DisplayPath(_options.ApiVersion);
        var method = request.Method.Method;
        await _pause.WaitAsync(request.Operation, cancellationToken).ConfigureAwait(false);
        await Slots.EnterAsync(request.Priority, cancellationToken).ConfigureAwait(false);

        // Asked once the call holds its slot, right before it goes: a call that waited for a slot while the credits ran
        // out is held back, not sent to be refused.
        ZohoCreditPermit permit;
        try
        {
            permit = await _credits.BeforeCallAsync(request.Operation, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Slots.Release();
            throw;
        }

        if (!permit.Allowed)
        {
            Slots.Release();
            return (null, CreditsHeld(request.Operation, permit.RetryAt));
        }

        call.Attempts++;
        var cost = ZohoCallCost.Unanswered;
        var started = Stopwatch.GetTimestamp();
        try
        {
            // From here on the request may reach Zoho; only a clean answer or a refused connection says otherwise.
            call.LastAttemptAmbiguous = true;
            using var content = JsonContent(request.JsonBody);
            using var answer = await BuildRequest(request, token).SendUnwrappedAsync(request.Method, content, cancellationToken).ConfigureAwait(false);
            var status = answer.StatusCode;
            ZohoTelemetry.CountAnswer(request.Operation, status);
            var body = ZohoJson.Parse(await answer.GetBytesAsync().ConfigureAwait(false));
            var elapsed = ElapsedMs(started);
            cost = ZohoCallCost.Answered;

            if (status is >= 200 and <= 299 ||
                (request.ReturnsItemErrors && status is >= 400 and < 429 && !HasTopLevelError(body) && body is not null))
            {
                call.LastAttemptAmbiguous = false;
                var code = FirstCode(body);
                ZohoLog.CallCompleted(_logger, request.Operation, method, path, status, code, elapsed, call.Attempts);
                return (new ZohoApiResponse(status, body) { EarlierAttemptAmbiguous = call.EarlierAttemptAmbiguous }, null);
            }

            // A 5xx may come after Zoho acted on the request; a 4xx (429 included) means it did not.
            call.LastAttemptAmbiguous = status >= 500;
            var error = ErrorFromAnswer(request.Operation, status, body, RetryAfterReader.Read(answer.ResponseMessage.Headers, _time.GetUtcNow()));
            cost = error.IsCreditsExhausted ? ZohoCallCost.CreditsExhausted : ZohoCallCost.Answered;
            if (status == 429 && error.RetryAfter is { } retryAfter)
            {
                _pause.PauseAll(retryAfter);
            }

            ZohoLog.CallFailed(_logger, request.Operation, method, path, error.Code, error.Classification, elapsed, call.Attempts);
            return (null, error);
        }
        catch (HttpRequestException ex)
        {
            // Failing to connect at all proves nothing was sent; any later failure might have followed delivery.
            call.LastAttemptAmbiguous = ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError);
            return (null, TransportError(call, ZohoErrorCodes.ClientConnectionFailed, _redactor.Redact(ex.Message) ?? "", ex, started));
        }
        catch (IOException ex)
        {
            return (null, TransportError(call, ZohoErrorCodes.ClientConnectionFailed, _redactor.Redact(ex.Message) ?? "", ex, started));
        }
        finally
        {
            // Told even when the caller gave up waiting: the call was sent, and what it cost is the org's either way. Told
            // before the slot is given up, so a call waiting for it is asked after a refusal for exhausted credits is known.
            try
            {
                await _credits.AfterCallAsync(request.Operation, permit, cost, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                Slots.Release();
            }
        }
    }

    /// <summary>A call the credit gate held back: nothing was sent, and the client's retries must not spin on it.</summary>
    private ZohoCrmException CreditsHeld(ZohoOperation operation, DateTimeOffset? retryAt)
    {
        var wait = retryAt is { } at && at > _time.GetUtcNow() ? at - _time.GetUtcNow() : (TimeSpan?)null;
        ZohoLog.CreditsHeld(_logger, operation, (long)(wait?.TotalMilliseconds ?? 0));
        return new ZohoCrmException(new ZohoErrorFacts(ZohoErrorCodes.ClientCreditsExhausted, operation),
            $"Zoho CRM {operation} not sent: the API credits are out or the app's credit budget is spent; try again in {wait?.TotalSeconds ?? 0:0.#} s")
        {
            StopsRetries = true,
            RetryAfter = wait,
        };
    }

    /// <summary>The Flurl request: the token's api_domain when it names one (Zoho says where the org lives),
    /// else the configured base.</summary>
    private IFlurlRequest BuildRequest(ZohoApiRequest request, ZohoAccessToken token)
    {
        var api = _http.Api;
        var flurl = (token.ApiDomain is { } domain ? api.Request(domain) : api.Request())
            .AppendPathSegments("crm", _options.ApiVersion);
        foreach (var segment in request.Path)
        {
            flurl.AppendPathSegment(segment, fullyEncode: true);
        }

        foreach (var (name, value) in request.Query)
        {
            flurl.SetQueryParam(name, value);
        }

        return flurl
            .WithHeader("Authorization", "Zoho-oauthtoken " + token.Value)
            .WithHeader("Accept", "application/json");
    }

    // Flurl's captured content: sent as UTF-8 "application/json; charset=utf-8", and visible to HttpTest.
    private static CapturedJsonContent? JsonContent(byte[]? json) => json is null ? null : new CapturedJsonContent(Encoding.UTF8.GetString(json));

    private ZohoCrmException ErrorFromAnswer(ZohoOperation operation, int status, JsonElement? body, TimeSpan? retryAfter)
    {
        string code;
        string? zohoMessage = null;
        JsonElement? details = null;
        if (ZohoErrorBody.TryFind(body, out var found))
        {
            code = found.Code;
            zohoMessage = _redactor.Redact(found.Message);
            details = found.Details;
        }
        else
        {
            // No Zoho error object (empty body, gateway page): the status line is all there is.
            code = $"HTTP_{status}";
        }

        return new ZohoCrmException(code, ZohoCrmException.Describe(operation, code, status, zohoMessage), operation, status, zohoMessage, details)
        {
            RetryAfter = retryAfter,
            // Zoho refused to schedule the job (its concurrent-job limit): retrying in a loop only burns calls and
            // credits until one of the org's jobs finishes. The caller decides when to try again.
            // Likewise when the org's credits are exhausted: every retry would be refused too, and counts against the org.
            StopsRetries = code == ZohoErrorCodes.ConcurrentJobLimitExceeded || ZohoCreditSignal.IsExhaustion(code, status, zohoMessage),
        };
    }

    private ZohoCrmException TransportError(ZohoCallState call, string code, string what, Exception inner, long started)
    {
        var operation = call.Request.Operation;
        var error = new ZohoCrmException(new ZohoErrorFacts(code, operation), $"Zoho CRM {operation} failed with {code}: {what}", inner);
        var elapsed = ElapsedMs(started);
        ZohoTelemetry.CountNoAnswer(operation, code);
        ZohoLog.CallFailed(_logger, operation, call.Request.Method.Method, call.Request.DisplayPath(_options.ApiVersion), code,
            error.Classification, elapsed, call.Attempts);
        return error;
    }

    private static bool HasTopLevelError(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } root && ZohoErrorBody.TryRead(root, out _);

    private static string? FirstCode(JsonElement? body) =>
        body is not { ValueKind: JsonValueKind.Object } root ? null
        : ZohoJson.GetString(root, "code") ?? root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.Value.EnumerateArray())
            .Select(item => ZohoJson.GetString(item, "code"))
            .FirstOrDefault(c => c is not null);

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
