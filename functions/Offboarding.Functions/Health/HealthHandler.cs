using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Health;

/// <summary>
/// <c>GET /api/health</c>: storage answers and a Zoho token can be obtained. The answer is reused briefly, so a busy
/// probe does not spend Zoho API credits.
/// </summary>
public sealed partial class HealthHandler(PipelineStorage storage, ZohoCrmClient zoho, TimeProvider time, ILogger<HealthHandler> logger) : IHttpHandler, IDisposable
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(30);

    private readonly PipelineStorage _storage = storage;
    private readonly ZohoCrmClient _zoho = zoho;
    private readonly TimeProvider _time = time;
    private readonly ILogger<HealthHandler> _logger = logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, string Result)? _lastZoho;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var storage = await CheckStorageAsync(cancellationToken).ConfigureAwait(false);
        var zoho = await CheckZohoAsync(cancellationToken).ConfigureAwait(false);
        var healthy = storage == "ok" && zoho == "ok";
        return HttpAnswer.Json(healthy ? 200 : 503, new { status = healthy ? "healthy" : "unhealthy", checks = new { storage, zoho } });
    }

    private async Task<string> CheckStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _storage.Requests.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var _ in _storage.Due.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return "ok";
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TaskCanceledException)
        {
            LogUnhealthy(_logger, "storage", ex.GetType().Name);
            return $"unreachable ({(ex as Azure.RequestFailedException)?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.GetType().Name})";
        }
    }

    private async Task<string> CheckZohoAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_lastZoho is { } last && now - last.At < ReuseFor)
            {
                return last.Result;
            }

            string result;
            try
            {
                await foreach (var _ in _zoho.GetUsersAsync("CurrentUser", cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                result = "ok";
            }
            catch (ZohoCrmException ex)
            {
                LogUnhealthy(_logger, "zoho", ex.Code);
                result = $"unavailable ({ex.Code})";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                LogUnhealthy(_logger, "zoho", ex.GetType().Name);
                result = $"unreachable ({ex.GetType().Name})";
            }

            _lastZoho = (now, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: {Dependency} check failed ({Reason})")]
    private static partial void LogUnhealthy(ILogger logger, string dependency, string reason);
}
