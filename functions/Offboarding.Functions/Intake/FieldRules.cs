using System.Text.RegularExpressions;

namespace Offboarding.Functions.Intake;

/// <summary>
/// The shapes identifiers may take. Deliberately narrow: these values end up in table keys, URLs, Zoho
/// query strings and logs, so anything outside them (quotes, spaces, control characters) is refused.
/// </summary>
internal static partial class FieldRules
{
    public const int MaxSourceLength = 64;
    public const int MaxEventIdLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 200;
    public const int MaxHrisIdLength = 100;
    public const int MaxZohoIdLength = 30;
    public const int MaxPersonalityIds = 1000;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Source();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@/+=-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex EventId();

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    public static partial Regex ZohoId();

    // Practical address check (RFC 5321 sizes, no quoted local parts): enough to look a user up, not to deliver mail.
    [GeneratedRegex("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex PortalName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex HrisId();
}
