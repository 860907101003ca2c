using System.Diagnostics;
using System.Globalization;
using System.Text;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Intake;

namespace Offboarding.Bench;

/// <summary>
/// What reading one request through the published schema costs the intake (CPU time and allocation per request), for a
/// valid request (the README example) and an invalid one: a Stopwatch loop after a warm-up, no storage involved.
/// </summary>
internal static class ValidationCommand
{
    private const int Runs = 20_000;

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes("""
        {"source":"workday","sourceEventId":"term-2026-03-31-000123","operation":"user_transfer_and_delete","effectiveAt":"2026-03-31T17:00:00Z",
         "employee":{"workEmail":"liam.carter@northwind.example","hrisId":"E-000123","name":"Liam Carter","zohoUserId":null},
         "transfer":{"to":{"email":"maria.lopez@northwind.example"},"records":true,"assignment":true,"criteria":true},
         "subordinates":{"zohoUserId":"5725767000000020006"},"dryRun":false}
        """);

    private static readonly byte[] Invalid = Encoding.UTF8.GetBytes("""{"source":"bad source","sourceEventId":"","employee":{"workEmail":"nope","shoeSize":4},"dryRun":1}""");

    public static int Run()
    {
        var compile = Stopwatch.StartNew();
        var schemas = new PublishedSchemas(new PublishedDocuments());
        compile.Stop();
        var reader = new OffboardingRequestReader(schemas, new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compiling the published schemas (once per process): {compile.Elapsed.TotalMilliseconds:F0} ms"));
        Measure("valid request (README example)", () => reader.Read(Valid).Request ?? throw new InvalidOperationException("refused"));
        Measure("invalid request (5 problems)", () => reader.Read(Invalid).Problems.Count == 5 ? reader : throw new InvalidOperationException("not 5 problems"));
        return 0;
    }

    private static void Measure(string what, Func<object> read)
    {
        for (var i = 0; i < Runs; i++)
        {
            read();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            read();
        }

        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {watch.Elapsed.TotalMicroseconds / Runs:F1} µs and {allocated / Runs / 1024.0:F1} KB per request ({Runs} runs after as many to warm up)"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
