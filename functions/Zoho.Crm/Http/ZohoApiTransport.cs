using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Zoho.Crm;

/// <summary>
/// Sends CRM calls: adds the token (refreshing once on INVALID_TOKEN), bounds how many are in flight, times out
/// each attempt, turns error answers into <see cref="ZohoCrmException"/>, retries the transient ones with
/// exponential back-off and jitter (or the server's Retry-After), and logs every attempt.
/// </summary>
internal sealed class ZohoApiTransport : IDisposable
{
    private readonly ZohoCrmClientOptions _options;
    private readonly Uri _configuredApiUri;
    private readonly HttpClient _http;
    private readonly ZohoTokenProvider _tokens;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _inFlight;
    private readonly ResiliencePipeline _retry;

    public ZohoApiTransport(ZohoCrmClientOptions options, Uri configuredApiUri, HttpClient http, ZohoTokenProvider tokens,
        SecretRedactor redactor, ILogger logger, TimeProvider time)
    {
        _options = options;
        _configuredApiUri = configuredApiUri;
        _http = http;
        _tokens = tokens;
        _redactor = redactor;
        _logger = logger;
        _time = time;
        _inFlight = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _retry = BuildRetryPipeline(options, logger, time);
    }

    public async Task<ZohoApiResponse> SendAsync(ZohoApiRequest request, CancellationToken cancellationToken)
    {
        var call = new ZohoCallState(request);
        try
        {
            return await _retry.ExecuteAsync(
                static (state, ct) => new ValueTask<ZohoApiResponse>(state.Transport.AttemptAsync(state.Call, ct)),
                (Transport: this, Call: call),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex)
        {
            ex.Attempts = call.Attempts;
            ex.EarlierAttemptAmbiguous = call.EarlierAttemptAmbiguous;
            throw;
        }
    }

    public void Dispose() => _inFlight.Dispose();

    private async Task<ZohoApiResponse> AttemptAsync(ZohoCallState call, CancellationToken cancellationToken)
    {
        if (call.LastAttemptAmbiguous)
        {
            call.EarlierAttemptAmbiguous = true;
            if (call.Request.BeforeResendAfterAmbiguity is { } check)
            {
                await check(cancellationToken).ConfigureAwait(false);
            }
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var (response, error) = await SendOnceAsync(call, token, cancellationToken).ConfigureAwait(false);

        if (error is { HttpStatus: 401 } && IsRejectedToken(error.Code) && !call.TokenRefreshed)
        {
            call.TokenRefreshed = true;
            ZohoLog.TokenRejected(_logger, call.Request.Operation, error.Code);
            token = await _tokens.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
            (response, error) = await SendOnceAsync(call, token, cancellationToken).ConfigureAwait(false);
        }

        if (error is not null)
        {
            throw error;
        }

        return response!;
    }

    private static bool IsRejectedToken(string code) =>
        code is ZohoErrorCodes.InvalidToken or ZohoErrorCodes.InvalidOAuthToken or ZohoErrorCodes.AuthenticationFailure;

    /// <summary>One HTTP exchange. Returns the answer or the error it amounts to (thrown by the caller).</summary>
    private async Task<(ZohoApiResponse? Response, ZohoCrmException? Error)> SendOnceAsync(
        ZohoCallState call, ZohoAccessToken token, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var path = "/crm/" + _options.ApiVersion + "/" + request.Path;
        var method = request.Method.Method;
        call.Attempts++;
        call.LastAttemptAmbiguous = false;

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var message = BuildMessage(request, path, token);
            using var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var status = (int)answer.StatusCode;
            var body = await ZohoJson.ReadAsync(answer.Content, timeout.Token).ConfigureAwait(false);
            var elapsed = ElapsedMs(started);

            if (status is >= 200 and <= 299 ||
                (request.ReturnsItemErrors && status is >= 400 and < 429 && !HasTopLevelError(body) && body is not null))
            {
                var code = FirstCode(body);
                ZohoLog.CallCompleted(_logger, request.Operation, method, path, status, code, elapsed, call.Attempts);
                return (new ZohoApiResponse(status, body) { EarlierAttemptAmbiguous = call.EarlierAttemptAmbiguous }, null);
            }

            // A 5xx may come after Zoho acted on the request; a 4xx (429 included) means it did not.
            call.LastAttemptAmbiguous = status >= 500;
            var error = ErrorFromAnswer(request.Operation, status, body, RetryAfterReader.Read(answer.Headers, _time.GetUtcNow()));
            ZohoLog.CallFailed(_logger, request.Operation, method, path, error.Code, error.Classification, elapsed, call.Attempts);
            return (null, error);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            call.LastAttemptAmbiguous = true;
            return (null, TransportError(call, path, ZohoErrorCodes.ClientTimeout,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", ex, started));
        }
        catch (HttpRequestException ex)
        {
            // Failing to connect at all proves nothing was sent; any later failure might have followed delivery.
            call.LastAttemptAmbiguous = ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError);
            return (null, TransportError(call, path, ZohoErrorCodes.ClientConnectionFailed, _redactor.Redact(ex.Message) ?? "", ex, started));
        }
        catch (IOException ex)
        {
            call.LastAttemptAmbiguous = true;
            return (null, TransportError(call, path, ZohoErrorCodes.ClientConnectionFailed, _redactor.Redact(ex.Message) ?? "", ex, started));
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private HttpRequestMessage BuildMessage(ZohoApiRequest request, string path, ZohoAccessToken token)
    {
        var baseUri = token.ApiDomain ?? _configuredApiUri.AbsoluteUri;
        var uri = baseUri.TrimEnd('/') + path + (string.IsNullOrEmpty(request.Query) ? "" : "?" + request.Query);
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token.Value);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.JsonBody is { } json)
        {
            message.Content = new ByteArrayContent(json);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return message;
    }

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
        };
    }

    private ZohoCrmException TransportError(ZohoCallState call, string path, string code, string what, Exception inner, long started)
    {
        var operation = call.Request.Operation;
        var error = new ZohoCrmException(code, $"Zoho CRM {operation} failed with {code}: {what}", operation, innerException: inner);
        var elapsed = ElapsedMs(started);
        ZohoLog.CallFailed(_logger, operation, call.Request.Method.Method, path, code, error.Classification, elapsed, call.Attempts);
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

    private static ResiliencePipeline BuildRetryPipeline(ZohoCrmClientOptions options, ILogger logger, TimeProvider time)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxRetryAfter = options.MaxRetryAfter;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // A wait longer than we are willing to honour surfaces the error instead of blocking the caller.
                ShouldHandle = new PredicateBuilder().Handle<ZohoCrmException>(e =>
                    e.Classification == ZohoErrorClassification.Transient && !e.StopsRetries && !(e.RetryAfter > maxRetryAfter)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = static args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is ZohoCrmException { RetryAfter: TimeSpan wait } ? wait : null),
                OnRetry = args =>
                {
                    var code = args.Outcome.Exception is ZohoCrmException z ? z.Code : "unknown";
                    var operation = args.Outcome.Exception is ZohoCrmException e ? e.Operation : ZohoOperation.Unspecified;
                    ZohoLog.RetryScheduled(logger, operation, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, code);
                    return default;
                },
            })
            .Build();
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
