using Offboarding.Functions.Contracts;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Tests.Contracts;

/// <summary>The app's published schemas, compiled once for the test run as the app does once per process.</summary>
internal static class Published
{
    public static PublishedSchemas Schemas { get; } = new(new PublishedDocuments());

    /// <summary>The intake's reader, at a fixed "now".</summary>
    public static OffboardingRequestReader Reader(DateTimeOffset now) => new(Schemas, new FixedTime(now));
}
