using System.Globalization;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Faults;
using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Sandbox.OAuth;

namespace Zoho.Crm.Sandbox.Engine;

/// <summary>
/// The live org, its jobs and tokens. Every read or change happens under <see cref="Gate"/>; handlers are
/// short and synchronous, and injected latency is spent outside the lock.
/// </summary>
public sealed class SandboxState
{
    private const string JobIdPrefix = "5725767000012";
    private readonly SandboxSettings _initialSettings;
    private OrgFixture _initialOrg;
    private long _nextJob = 600001;
    private SandboxSettings _settings;

    public SandboxState(OrgFixture org, SandboxSettings settings, SandboxClock clock)
    {
        _initialOrg = OrgFixtureSerializer.Clone(org);
        _initialSettings = settings;
        _settings = settings;
        Clock = clock;
        Org = OrgFixtureSerializer.Clone(org);
        Random = settings.RandomSeed is { } seed ? new Random(seed) : new Random();
        ScriptedFaults = new Queue<FaultKind>(settings.ScriptedFaults);
    }

    public object Gate { get; } = new();

    public SandboxClock Clock { get; }

    public OrgFixture Org { get; private set; }

    public List<TransferJob> Jobs { get; } = [];

    public AccessTokenStore Tokens { get; } = new();

    public CreditLedger Credits { get; } = new();

    /// <summary>The scripted faults not yet used; reloaded whenever settings are set.</summary>
    public Queue<FaultKind> ScriptedFaults { get; private set; } = new();

    /// <summary>Shared random source (use under <see cref="Gate"/>).</summary>
    public Random Random { get; private set; }

    public SandboxSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            lock (Gate)
            {
                Volatile.Write(ref _settings, value);
                ScriptedFaults = new Queue<FaultKind>(value.ScriptedFaults);
                if (value.RandomSeed is { } seed)
                {
                    Random = new Random(seed);
                }
            }
        }
    }

    /// <summary>The settings as they stand now: scripted faults already used are no longer listed.</summary>
    public SandboxSettings CurrentSettings()
    {
        lock (Gate)
        {
            return Settings with { ScriptedFaults = [.. ScriptedFaults] };
        }
    }

    public int ConcurrencyLimit => Settings.ConcurrencyLimit ?? EditionLimits.Concurrency(Org.Org.Edition);

    public long DailyCreditLimit => Settings.DailyCredits ?? EditionLimits.DailyCredits(Org.Org.Edition, Org.Users.Count(u => !u.IsDeleted));

    public string NextJobId() => JobIdPrefix + Interlocked.Increment(ref _nextJob).ToString(CultureInfo.InvariantCulture);

    /// <summary>Ends every job whose time has come, changing the org as Zoho would. Call under <see cref="Gate"/>.</summary>
    public void Settle()
    {
        var now = Clock.Now;
        foreach (var job in Jobs.Where(j => !j.Finished && j.IsDue(now)).OrderBy(j => j.DueAt))
        {
            if (!job.WillFail)
            {
                TransferJobEffects.Apply(Org, job);
            }

            job.Finished = true;
        }
    }

    /// <summary>Back to the starting org (or a new one), no jobs, no tokens, start-up settings, real time.</summary>
    public void Reset(OrgFixture? replacement = null)
    {
        lock (Gate)
        {
            if (replacement is not null)
            {
                _initialOrg = OrgFixtureSerializer.Clone(replacement);
            }

            Org = OrgFixtureSerializer.Clone(_initialOrg);
            Jobs.Clear();
            Tokens.Clear();
            Credits.Clear();
            Clock.Reset();
            Settings = _initialSettings;
            Random = _initialSettings.RandomSeed is { } seed ? new Random(seed) : new Random();
        }
    }
}
