using System.Text;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Intake;
using TestSupport;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Counts, not assumes, the storage round trips the intake makes for a new request: the intake step called
/// in-process on a pipeline wired as the app wires it (<c>AddOffboardingFunctionApp</c>), with a counting policy added
/// to every storage client the way the local host adds its own, fed requests read by the intake's own reader from
/// the body the benchmark's webhooks carry, each with its own webhook message id as real webhooks have.
/// </summary>
public static class IntakeRoundTripProbe
{
    public static async Task<IntakeRoundTrips> RunAsync(AppSettings settings, int requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Per retry: each attempt is one round trip to storage.
        var counter = new StorageCallLog();
        await using var provider = await InProcessPipeline.StartAsync(
            settings,
            services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(counter, HttpPipelinePosition.PerRetry))),
            cancellationToken).ConfigureAwait(false);
        var reader = provider.GetRequiredService<OffboardingRequestReader>();
        var intake = provider.GetRequiredService<OffboardingIntake>();

        // Creating the tables and queues is the app's start-up, not the intake's cost.
        counter.Clear();

        // One at a time, so every round trip is the request's that is in flight; new requests do not contend,
        // so concurrency would not change their count.
        var perRequest = new List<IReadOnlyList<string>>(requests);
        var messageIds = new List<string>(requests);
        for (var i = 0; i < requests; i++)
        {
            var read = reader.Read(Encoding.UTF8.GetBytes(WebhookSender.Body($"round-trip-{i:D6}", $"probe{i:D6}@bench.example")));
            if (read.Request is null)
            {
                throw new InvalidOperationException($"The intake's reader refused the benchmark's webhook body: {read.Problems.Count} problem(s).");
            }

            messageIds.Add($"msg_{Guid.NewGuid():N}");
            var answer = await intake.AnswerAsync(read, messageIds[^1], cancellationToken).ConfigureAwait(false);
            if (answer.StatusCode != 202)
            {
                throw new InvalidOperationException($"The intake answered new request {i} with {answer.StatusCode}; the probe counts new requests only.");
            }

            perRequest.Add(counter.Take());
        }

        // The same webhook-ids again with other bodies (freshly signed, as a second delivery would be): answered as the first.
        var perReuse = new List<int>(requests);
        for (var i = 0; i < requests; i++)
        {
            var read = reader.Read(Encoding.UTF8.GetBytes(WebhookSender.Body($"reused-{i:D6}", $"other{i:D6}@bench.example")));
            var answer = await intake.AnswerAsync(read, messageIds[i], cancellationToken).ConfigureAwait(false);
            if (answer.StatusCode != 200)
            {
                throw new InvalidOperationException($"The intake answered a reused webhook-id with {answer.StatusCode}, not 200 as the first.");
            }

            perReuse.Add(counter.Take().Count);
        }

        var breakdown = perRequest.SelectMany(calls => calls).GroupBy(call => call, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count() / (double)requests)).ToList();
        return new IntakeRoundTrips(requests, perRequest.Average(calls => calls.Count), perRequest.Max(calls => calls.Count), breakdown)
        {
            ReusedIdMean = perReuse.Average(),
            ReusedIdMax = perReuse.Max(),
        };
    }
}
