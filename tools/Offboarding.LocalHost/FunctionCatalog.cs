using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting;

/// <summary>
/// The functions registered in DI, described once at startup. Both drivers read it: Kestrel maps the HTTP routes,
/// the queue and timer services start one loop each, and the custom handler dispatches <c>POST /{Name}</c> by name,
/// which is why names must be unique across all triggers (the Functions host compares them case-insensitively).
/// </summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // A scope, so functions registered as scoped can be described without resolving them from the root.
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        Http = provider.GetServices<IHttpFunction>().Select(f => new HttpFunctionDescriptor(f.Name, f.Route, [.. f.Methods])).ToArray();
        Queue = provider.GetServices<IQueueFunction>().Select(f => new QueueFunctionDescriptor(f.Name, f.QueueName)).ToArray();
        Timer = provider.GetServices<ITimerFunction>().Select(f => new TimerFunctionDescriptor(f.Name, f.Schedule)).ToArray();

        var duplicates = Http.Select(f => f.Name).Concat(Queue.Select(f => f.Name)).Concat(Timer.Select(f => f.Name))
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new InvalidOperationException($"Function names must be unique; registered more than once: {string.Join(", ", duplicates)}.");
        }
    }

    public IReadOnlyList<HttpFunctionDescriptor> Http { get; }

    public IReadOnlyList<QueueFunctionDescriptor> Queue { get; }

    public IReadOnlyList<TimerFunctionDescriptor> Timer { get; }

    /// <summary>Which kind of trigger the function with this name has, or null when there is none.</summary>
    public FunctionTriggerKind? KindOf(string name)
    {
        if (Http.Any(f => Matches(f.Name, name)))
        {
            return FunctionTriggerKind.Http;
        }

        if (Queue.Any(f => Matches(f.Name, name)))
        {
            return FunctionTriggerKind.Queue;
        }

        return Timer.Any(f => Matches(f.Name, name)) ? FunctionTriggerKind.Timer : null;
    }

    /// <summary>Resolves a function for one invocation from that invocation's scope, so DI lifetimes are honoured.</summary>
    public static T Resolve<T>(IServiceProvider scopedServices, string name, Func<T, string> nameOf)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(scopedServices);
        ArgumentNullException.ThrowIfNull(nameOf);
        return scopedServices.GetServices<T>().FirstOrDefault(f => Matches(nameOf(f), name))
            ?? throw new InvalidOperationException($"No {typeof(T).Name} named '{name}' is registered.");
    }

    private static bool Matches(string registered, string requested) =>
        string.Equals(registered, requested, StringComparison.OrdinalIgnoreCase);
}
