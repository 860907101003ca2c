using System.Text.RegularExpressions;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// The request schema's rules for the optional audit fields (Contracts/offboarding-request.schema.json, <c>hrisId</c> and
/// <c>name</c>), for the Merge mapper: it drops or cuts an HRIS value that would not fit rather than refuse the leaver.
/// </summary>
internal static partial class FieldRules
{
    public const int MaxNameLength = 200;
    public const int MaxHrisIdLength = 100;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex HrisId();
}
