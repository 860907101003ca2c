using System.Diagnostics;
using Offboarding.Bench.Harness.Load;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>A fresh stack with its app instances up and a subscriber on the events queue: the steps the layoff, budget and
/// scaling runs share (start, send webhooks, wait until a set of offboardings finished). Stops in reverse.</summary>
public sealed class RunningApps : IAsyncDisposable
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    private RunningApps(LocalDeployment deployment, AppSettings settings, EventCollector events)
    {
        Deployment = deployment;
        Settings = settings;
        Events = events;
    }

    public LocalDeployment Deployment { get; }

    /// <summary>The settings every instance runs with.</summary>
    public AppSettings Settings { get; }

    public EventCollector Events { get; }

    public IReadOnlyList<AppProcess> Apps => Deployment.Apps;

    /// <summary>Starts Azurite (persistent) and the sandbox for <paramref name="org"/>, then <paramref name="instances"/> apps on the
    /// stack's base settings as <paramref name="configure"/> adjusts them, then the subscriber.</summary>
    public static async Task<RunningApps> StartAsync(
        LeaverOrg org, SandboxOptions sandbox, int instances, Func<AppSettings, AppSettings> configure, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(say);
        var deployment = await LocalDeployment.StartAsync(org, sandbox, persistentStorage: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = configure(deployment.BaseSettings());
            for (var i = 0; i < instances; i++)
            {
                await deployment.StartAppAsync(settings, cancellationToken).ConfigureAwait(false);
            }

            say($"{instances} instance(s) up: {string.Join(", ", deployment.Apps.Select(a => $"{a.BaseUri} (pid {a.ProcessId}, log {a.LogPath})"))}; sandbox {deployment.Sandbox.BaseUri}");
            return new RunningApps(deployment, settings, new EventCollector(deployment.Azurite.ConnectionString));
        }
        catch
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a webhook for each leaver (HRIS event ids <paramref name="eventPrefix"/>-000000 on), at most
    /// <paramref name="concurrency"/> at once, spread over the instances, each retried until accepted or <paramref name="sendDeadline"/>.</summary>
    public async Task<Submission[]> SendAsync(IReadOnlyList<Leaver> leavers, string eventPrefix, int concurrency, TimeSpan sendDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        using var sender = new WebhookSender([.. Apps.Select(a => a.BaseUri)]);
        var submissions = new Submission[leavers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, leavers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => submissions[i] = await sender.SendUntilAcceptedAsync(leavers[i], $"{eventPrefix}-{i:D6}", sendDeadline, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return submissions;
    }

    /// <summary>Waits until every offboarding in <paramref name="ids"/> was announced finished (completed or failed), or the
    /// deadline; the first terminal event of each, as far as they came.</summary>
    public async Task<IReadOnlyList<CollectedEvent>> WaitForFinishedAsync(IReadOnlySet<string> ids, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(say);
        var waiting = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        IReadOnlyList<CollectedEvent> finished = [];
        while (waiting.Elapsed < deadline)
        {
            finished = [.. Events.Events.Where(e => e.IsTerminal && e.Subject is { } id && ids.Contains(id)).DistinctBy(e => e.Subject)];
            if (finished.Count >= ids.Count)
            {
                return finished;
            }

            if (waiting.Elapsed - lastSaid > ProgressEvery)
            {
                lastSaid = waiting.Elapsed;
                say($"  {finished.Count}/{ids.Count} finished");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        say($"  deadline {deadline} passed with {ids.Count - finished.Count} unfinished");
        return finished;
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync().ConfigureAwait(false);
        await Deployment.DisposeAsync().ConfigureAwait(false);
    }
}
