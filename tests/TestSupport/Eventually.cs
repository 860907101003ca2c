using System.Diagnostics;
using Xunit;

namespace TestSupport;

/// <summary>
/// Waits for a condition something else brings about (a background service, another task, a sandbox job), looking
/// again every <c>every</c> until it holds. The deadline only bounds a failing test; the failure says what was awaited.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs <paramref name="probe"/> until its value satisfies <paramref name="until"/> and returns that value; fails
    /// after <paramref name="within"/> with "waiting until <paramref name="what"/>" and, if given, the last value as
    /// <paramref name="describe"/> tells it.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> until,
        string what,
        TimeSpan? within = null,
        TimeSpan? every = null,
        Func<T, Task<string>>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(until);
        var limit = within ?? DefaultWithin;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (until(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                var last = describe is null ? "" : $"\nLast seen: {await describe(value).ConfigureAwait(false)}";
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}.{last}");
            }

            await Task.Delay(every ?? DefaultEvery).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="within"/> saying what was awaited.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null, TimeSpan? every = null) =>
        ReturnsAsync(condition, held => held, what, within, every);

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, string, TimeSpan?, TimeSpan?)"/>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null, TimeSpan? every = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), held => held, what, within, every);
}
