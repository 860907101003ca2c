namespace Zoho.Crm;

/// <summary>Shared checks for requests rejected before they are sent.</summary>
internal static class ClientValidation
{
    /// <summary>A usable id: present, no whitespace or control characters, no separators that would change the URL.</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not (',' or '/' or '?' or '#' or '&'));

    /// <summary>Throws when <paramref name="problems"/> is not empty: Zoho's code for the first, every problem in the message.</summary>
    public static void ThrowIfAny(ZohoOperation operation, string what, List<(string Code, string Text)> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var message = $"Invalid {what} (not sent to Zoho): " + string.Join(" ", problems.Select(p => p.Text));
        throw new ZohoCrmException(new ZohoErrorFacts(problems[0].Code, operation, Classification: ZohoErrorClassification.Permanent), message)
        {
            IsClientValidation = true,
        };
    }
}
