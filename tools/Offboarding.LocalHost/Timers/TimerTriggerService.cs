using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Offboarding.LocalHost.Timers;

/// <summary>
/// The local host's timer trigger: a <see cref="TimerScheduler"/> per timer function. Schedules are parsed at start,
/// so a bad expression stops the app with a clear message instead of a timer that silently never fires.
/// </summary>
internal sealed class TimerTriggerService(
    FunctionCatalog catalog,
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<TimerTriggerOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoggerFactory loggers) : TriggerLoopService
{
    private readonly List<TimerLease> _leases = [];

    /// <summary>Unique per process, so two instances on one machine (or in one test) never mistake each other's lease.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override IEnumerable<TriggerLoop> CreateLoops()
    {
        var settings = options.Value;
        var scheduled = catalog.Timer.Select(function => (function, schedule: TimerSchedule.Parse(BindingExpressions.Resolve(function.Schedule, configuration)))).ToList();
        if (scheduled.Count == 0)
        {
            return [];
        }

        // Resolved only when there is a timer, so an app without one needs no storage settings.
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(settings.LeaseTable);
        var loops = new List<TriggerLoop>();
        foreach (var (function, schedule) in scheduled)
        {
            var lease = new TimerLease(table, function.Function.Name, _owner, settings.LeaseDuration, time);
            _leases.Add(lease);
            loops.Add(new TimerScheduler(
                function, schedule, lease, settings, scopes, time, loggers.CreateLogger($"{typeof(TimerScheduler).FullName}.{function.Function.Name}")).RunAsync);
        }

        return loops;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var lease in _leases)
            {
                lease.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
