using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Zoho.Crm;

namespace Offboarding.Functions.Batches;

/// <summary><c>POST /api/batches</c>: a JSON batch or a CSV upload (name, reason and startAt in the query). Every row is checked
/// before anything is stored; a valid batch is planned, estimated and stored awaiting approval (201).</summary>
public sealed partial class SubmitBatchHandler(BatchUploadReader reader, BatchCreation creation, TimeProvider time, ILogger<SubmitBatchHandler> logger) : IOperatorHandler
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batchId = Guid.NewGuid().ToString("N");
        var mediaType = request.Header("Content-Type")?.Split(';', 2)[0].Trim().ToLowerInvariant();
        BatchUpload upload;
        if (mediaType == "text/csv")
        {
            string text;
            try
            {
                text = StrictUtf8.GetString(body.Span);
            }
            catch (DecoderFallbackException)
            {
                return HttpAnswer.Problem(400, "invalid-encoding", "The file is not UTF-8", "Save the CSV as UTF-8 and upload it again.");
            }

            upload = reader.ReadCsv(batchId, text, request.QueryValue("name"), request.QueryValue("reason"), request.QueryValue("startAt"));
        }
        else if (mediaType is "application/json")
        {
            upload = reader.ReadJson(batchId, body);
        }
        else
        {
            return HttpAnswer.Problem(415, "unsupported-media-type", "Unsupported media type", "Send the batch as application/json, or the list as text/csv with a header row.");
        }

        if (upload.Submission is not { } submission)
        {
            LogRefused(logger, upload.Problems.Count);
            return BatchResponses.Refused(upload.Problems);
        }

        try
        {
            var (batch, members) = await creation.CreateAsync(batchId, submission, caller, cancellationToken).ConfigureAwait(false);
            LogCreated(logger, batch.Id, batch.Total, batch.Ready);
            return BatchResponses.Created(batch, members, time.GetUtcNow());
        }
        catch (ZohoCrmException ex)
        {
            LogZohoUnavailable(logger, ex.Code);
            return HttpAnswer.Problem(503, "zoho-unavailable", "Zoho could not be read to plan the batch", "Nothing was stored; upload it again shortly.");
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageDown(logger, ex.Status);
            return HttpAnswer.Problem(503, "storage-unavailable", "Temporarily unavailable", "The batch may not have been stored whole; upload it again (a new batch is made).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch upload was refused: {Count} problem(s)")]
    private static partial void LogRefused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} created: {Total} people, {Ready} ready; awaiting approval")]
    private static partial void LogCreated(ILogger logger, string batchId, int total, int ready);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch could not be planned: Zoho answered {Code}")]
    private static partial void LogZohoUnavailable(ILogger logger, string? code);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch could not be stored (storage answered {Status})")]
    private static partial void LogStorageDown(ILogger logger, int status);
}
