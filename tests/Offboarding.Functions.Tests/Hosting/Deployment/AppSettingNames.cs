using System.Reflection;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Events;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>
/// Every setting the app reads, derived from the options classes the sections bind to (so a new option cannot be
/// forgotten), in configuration form <c>Section:Key</c>; without the ones the pipeline sets itself.
/// </summary>
internal static class AppSettingNames
{
    public static IReadOnlyList<(string Section, Type Options)> BoundSections { get; } =
    [
        (SettingNames.IntakeSection, typeof(IntakeOptions)),
        (SettingNames.TransferSection, typeof(TransferOptions)),
        (SettingNames.PollSection, typeof(PollOptions)),
        (SettingNames.EventsSection, typeof(EventsOptions)),
        (SettingNames.OperatorsSection, typeof(OperatorOptions)),
        (SettingNames.HoldSection, typeof(HoldOptions)),
        (SettingNames.ZohoSection, typeof(ZohoCrmClientOptions)),
        (SettingNames.ZohoSection, typeof(Credits.CreditOptions)),
    ];

    public static IReadOnlySet<string> All()
    {
        // Flat settings that trigger attributes name (%POLL_SCHEDULE%) come on top of the bound sections.
        var names = new HashSet<string>(StringComparer.Ordinal) { SettingNames.Storage, SettingNames.PollSchedule };
        foreach (var (section, options) in BoundSections)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            {
                names.Add($"{section}:{property.Name}");
            }
        }

        // Set by the pipeline itself: a value in the settings would suggest it could be changed.
        names.ExceptWith(SettingNames.PipelineOwnedZohoKeys);
        return names;
    }
}
