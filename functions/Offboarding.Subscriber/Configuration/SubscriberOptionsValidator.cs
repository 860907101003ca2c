using Microsoft.Extensions.Options;

namespace Offboarding.Subscriber.Configuration;

/// <summary>A subscriber that could not fetch schemas or post its messages stops at start, naming the setting.</summary>
internal sealed class SubscriberOptionsValidator : IValidateOptions<SubscriberOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.AppBaseUri is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
        {
            problems.Add("Subscriber__AppBaseUri must be the offboarding app's absolute http(s) base URL, like https://offboarding.example.com.");
        }

        if (options.ChatWebhookUri is not { IsAbsoluteUri: true } chat || !(chat.Scheme == Uri.UriSchemeHttps || (chat.Scheme == Uri.UriSchemeHttp && chat.IsLoopback)))
        {
            problems.Add("Subscriber__ChatWebhookUri must be the chat's incoming-webhook URL (https; http only on this machine).");
        }

        if (options.ClaimLease <= TimeSpan.Zero)
        {
            problems.Add("Subscriber__ClaimLease must be positive, like 00:01:00.");
        }

        if (string.IsNullOrWhiteSpace(options.HandledEventsTable) || !options.HandledEventsTable.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(options.HandledEventsTable[0]))
        {
            problems.Add("Subscriber__HandledEventsTable must be a table name: letters and digits, starting with a letter.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
