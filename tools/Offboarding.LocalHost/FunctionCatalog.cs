using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Offboarding.LocalHost;

public sealed record HttpFunctionDescriptor(FunctionMethod Function, string Route, IReadOnlyList<string> Methods);

public sealed record QueueFunctionDescriptor(FunctionMethod Function, string QueueName);

/// <param name="Schedule">As declared, possibly a <c>%SETTING%</c> expression.</param>
public sealed record TimerFunctionDescriptor(FunctionMethod Function, string Schedule);

/// <summary>
/// The [Function] methods of the app's assemblies and their trigger attributes, read by reflection: the attributes are
/// the one declaration of routes, methods, queues and schedules, which the Worker SDK also turns into the
/// functions.metadata the Functions host reads.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunctionDescriptor> http, IReadOnlyList<QueueFunctionDescriptor> queue, IReadOnlyList<TimerFunctionDescriptor> timer)
    {
        Http = http;
        Queue = queue;
        Timer = timer;
    }

    public IReadOnlyList<HttpFunctionDescriptor> Http { get; }

    public IReadOnlyList<QueueFunctionDescriptor> Queue { get; }

    public IReadOnlyList<TimerFunctionDescriptor> Timer { get; }

    public static FunctionCatalog Discover(IEnumerable<Assembly> assemblies, Func<Type, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var http = new List<HttpFunctionDescriptor>();
        var queue = new List<QueueFunctionDescriptor>();
        var timer = new List<TimerFunctionDescriptor>();
        var methods = assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && (include is null || include(t)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(pair => pair.Function is not null);
        foreach (var (method, function) in methods)
        {
            var name = function!.Name;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } httpTrigger)
                {
                    var verbs = (httpTrigger.Methods ?? ["get", "post"]).Select(v => v.ToUpperInvariant()).ToArray();
                    http.Add(new HttpFunctionDescriptor(new FunctionMethod(name, method, typeof(HttpRequest)), httpTrigger.Route ?? name, verbs));
                }
                else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queueTrigger)
                {
                    queue.Add(new QueueFunctionDescriptor(new FunctionMethod(name, method, typeof(QueueMessage)), queueTrigger.QueueName));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timerTrigger)
                {
                    timer.Add(new TimerFunctionDescriptor(new FunctionMethod(name, method, typeof(TimerInfo)), timerTrigger.Schedule));
                }
            }
        }

        var duplicates = http.Select(f => f.Function.Name).Concat(queue.Select(f => f.Function.Name)).Concat(timer.Select(f => f.Function.Name))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new InvalidOperationException($"Function names must be unique; declared more than once: {string.Join(", ", duplicates)}.");
        }

        return new FunctionCatalog(http, queue, timer);
    }
}
