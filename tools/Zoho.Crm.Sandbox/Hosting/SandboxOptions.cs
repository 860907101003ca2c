using System.Text.Json;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Hosting;

/// <summary>How to start a sandbox: where it listens and which org it serves, plus the start-up <see cref="SandboxSettings"/>.</summary>
public sealed record SandboxOptions : SandboxSettings
{
    /// <summary>Loopback only by default; tests and demos never expose the sandbox.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The org to serve; wins over <see cref="OrgFixturePath"/>. Neither: the shipped default org.</summary>
    public OrgFixture? Org { get; init; }

    public string? OrgFixturePath { get; init; }

    /// <summary>Request logging to the console (off in tests; on for the standalone tool).</summary>
    public bool ConsoleLogging { get; init; }

    public OrgFixture ResolveOrg() =>
        Org ?? (OrgFixturePath is null ? OrgFixtureSerializer.LoadDefault() : OrgFixtureSerializer.Load(OrgFixturePath));

    /// <summary>The run-time-settable part alone (a plain copy, so the control API never echoes the org).</summary>
    public SandboxSettings ToSettings() =>
        JsonSerializer.Deserialize<SandboxSettings>(JsonSerializer.Serialize<SandboxSettings>(this))
        ?? throw new InvalidOperationException("Settings did not round-trip.");
}
