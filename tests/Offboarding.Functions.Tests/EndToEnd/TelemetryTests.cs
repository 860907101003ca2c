using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Zoho.Crm;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>One offboarding, from its webhook to its completion event, is one trace, and it is counted. Span listeners and
/// meters named alike are process-wide while other tests run in parallel, so spans are picked by trace id and exact
/// counts come from this pipeline's own meter factory.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class TelemetryTests : SandboxResetTest
{
    public TelemetryTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task One_offboarding_is_one_connected_trace_from_intake_to_its_completion_event_and_is_counted()
    {
        var spans = new LockedList<Activity>();
        var exported = new LockedList<MetricSnapshot>();
        await using var pipeline = new PipelineHarness(Fixture, configure: services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported)));
        var tracer = pipeline.Services.GetRequiredService<TracerProvider>();
        var meters = pipeline.Services.GetRequiredService<MeterProvider>();
        using var ours = new OwnMeasurements(pipeline.Services.GetRequiredService<IMeterFactory>());

        // The webhook's request is already traced (as the Functions host traces it): the intake continues that trace.
        HttpAnswerId answer;
        var incoming = new Activity("POST /api/offboardings").SetIdFormat(ActivityIdFormat.W3C);
        incoming.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        using (incoming.Start())
        {
            answer = new(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail))));
        }

        var id = answer.Id;
        await pipeline.DrainRequestsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Completed, done.State);
        var completion = Assert.Single(await pipeline.EventsForAsync(id), e => e.Type.EndsWith(".completed", StringComparison.Ordinal));
        tracer.ForceFlush();
        meters.ForceFlush();

        List<Activity> trace = [.. spans.Snapshot().Where(s => s.TraceId == incoming.TraceId)];
        var metrics = exported.Snapshot();

        var intake = Assert.Single(trace, s => s.OperationName == "offboarding.intake");
        Assert.Equal(incoming.SpanId, intake.ParentSpanId);
        Assert.Equal(id, intake.GetTagItem(OffboardingTelemetry.OffboardingIdTag));
        Assert.Equal(intake.Id, done.TraceParent);

        // Across the queue hop: the transfer is the intake's child, and Zoho's calls are the transfer's.
        var transfer = Assert.Single(trace, s => s.OperationName == "offboarding.transfer");
        Assert.Equal(intake.SpanId, transfer.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, transfer.Kind);
        var submit = Assert.Single(trace, s => s.OperationName == "Zoho TransferAndDeleteUser");
        Assert.Equal(transfer.SpanId, submit.ParentSpanId);
        Assert.Equal(ActivityKind.Client, submit.Kind);
        Assert.Equal("TransferAndDeleteUser", submit.GetTagItem("zoho.operation"));
        Assert.Equal(200, submit.GetTagItem("http.response.status_code"));

        // The poll that finished the job joins the same trace through the record.
        var polls = trace.Where(s => s.OperationName == "offboarding.poll").ToList();
        Assert.NotEmpty(polls);
        Assert.All(polls, poll => Assert.Equal(intake.SpanId, poll.ParentSpanId));
        Assert.Contains(trace, s => s.OperationName == "Zoho GetTransferAndDeleteStatus" && polls.Any(p => p.SpanId == s.ParentSpanId));

        // No personal data on any span of the trace.
        Assert.DoesNotContain(trace, s => s.DisplayName.Contains('@') || s.TagObjects.Any(t => t.Value?.ToString()?.Contains('@') == true));

        // Subscribers continue the same trace: the CloudEvents Distributed Tracing extension.
        Assert.True(completion.ExtensionAttributes.TryGetValue("traceparent", out var traceParent));
        Assert.Equal(intake.Id, traceParent);
        Assert.Contains(incoming.TraceId.ToHexString(), (string)traceParent, StringComparison.Ordinal);

        // Metrics: exact from this pipeline's meters, and present in what the exporter got.
        Assert.Equal(1, ours.Sum("offboarding.accepted"));
        Assert.Equal(1, ours.Sum("offboarding.finished", ("outcome", "completed")));
        Assert.Single(ours.Measurements("offboarding.duration"));
        Assert.True(ours.Sum("offboarding.poll.cycles") >= 1);
        Assert.Equal(0, ours.Sum("zoho.job_slots.in_use"));
        Assert.Contains(metrics, m => m.Name == "offboarding.accepted");
        Assert.Contains(metrics, m => m.Name == "offboarding.finished" && HasTag(m, "outcome", "completed"));
        Assert.Contains(metrics, m => m.Name == "zoho.calls" && HasTag(m, "operation", nameof(ZohoOperation.TransferAndDeleteUser)) && HasTag(m, "status", "200"));
        Assert.Contains(metrics, m => m.Name == "zoho.calls" && HasTag(m, "operation", nameof(ZohoOperation.GetTransferAndDeleteStatus)));
        Assert.Contains(metrics, m => m.Name == "zoho.credits" && HasTag(m, "operation", nameof(ZohoOperation.TransferAndDeleteUser)));
    }

    /// <summary>What an exporter adds to from other tests' threads too (the listeners are process-wide).</summary>
    private sealed class LockedList<T> : System.Collections.ObjectModel.Collection<T>
    {
        public List<T> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }

    private static bool HasTag(MetricSnapshot metric, string key, string value)
    {
        foreach (var point in metric.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == key && tag.Value?.ToString() == value)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private readonly record struct HttpAnswerId(string Id)
    {
        public HttpAnswerId(Http.HttpAnswer answer)
            : this(JsonDocument.Parse(answer.Body!).RootElement.GetProperty("id").GetString()!)
        {
        }
    }

    /// <summary>Every measurement of the meters this pipeline's own factory made (other pipelines' meters share the name).</summary>
    private sealed class OwnMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _seen = [];

        public OwnMeasurements(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i.Name, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i.Name, value, tags));
            _listener.Start();
        }

        public List<double> Measurements(string name, params (string Key, string Value)[] tags)
        {
            lock (_seen)
            {
                return [.. _seen.Where(m => m.Name == name && tags.All(t => m.Tags.Any(k => k.Key == t.Key && k.Value?.ToString() == t.Value))).Select(m => m.Value)];
            }
        }

        public double Sum(string name, params (string Key, string Value)[] tags) => Measurements(name, tags).Sum();

        public void Dispose() => _listener.Dispose();

        private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = tags.ToArray();
            lock (_seen)
            {
                _seen.Add((name, value, copy));
            }
        }
    }
}
