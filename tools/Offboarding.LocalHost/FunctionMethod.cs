using System.Reflection;

namespace Offboarding.LocalHost;

/// <summary>
/// One [Function] method, invoked the way the worker invokes it: an instance of its class made from the invocation's
/// services (constructor injection), the trigger's value and the cancellation token as arguments, its task awaited.
/// </summary>
public sealed class FunctionMethod
{
    private readonly MethodInfo _method;

    public FunctionMethod(string name, MethodInfo method, Type triggerType)
    {
        ArgumentNullException.ThrowIfNull(method);
        Name = name;
        _method = method;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType != typeof(CancellationToken) && parameter.ParameterType != triggerType)
            {
                throw new NotSupportedException(
                    $"Function {name}: the local host binds a {triggerType.Name} trigger and a CancellationToken; it cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
            }
        }
    }

    public string Name { get; }

    /// <summary>Runs the function; returns what its task returned (the HTTP result), or null.</summary>
    public async Task<object?> InvokeAsync(IServiceProvider scopedServices, object trigger, CancellationToken cancellationToken)
    {
        var instance = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(scopedServices, _method.DeclaringType!);
        try
        {
            var arguments = _method.GetParameters()
                .Select(p => p.ParameterType == typeof(CancellationToken) ? (object)cancellationToken : trigger)
                .ToArray();
            object? returned;
            try
            {
                returned = _method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }

            if (returned is not Task task)
            {
                return returned;
            }

            await task.ConfigureAwait(false);
            return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
