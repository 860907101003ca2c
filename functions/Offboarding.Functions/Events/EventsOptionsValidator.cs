using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Events;

/// <summary>Events that subscribers could not route (an empty type or source, a topic not on https) stop the app at start.</summary>
internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.EventGridEndpoint;
        return new SettingProblems()
            .Check(IsReverseDns(options.TypePrefix), SettingNames.EventsTypePrefix, "must be a reverse-DNS name like com.example (letters, digits, '-', dots between).")
            .Check(!string.IsNullOrWhiteSpace(options.Source) && Uri.IsWellFormedUriString(options.Source, UriKind.RelativeOrAbsolute), SettingNames.EventsSource, "must be a URI reference like /offboarding.")
            .Check(endpoint is null || (endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))), SettingNames.EventsEventGridEndpoint, "must be an absolute https URL (http only on this machine), or unset.")
            .Check(options.SchemaBaseUri is { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "", Fragment: "" }, SettingNames.EventsSchemaBaseUri, "must be the app's absolute http(s) base URL, like https://offboarding.example.com, or unset.")
            .Result;
    }

    private static bool IsReverseDns(string? prefix) =>
        !string.IsNullOrEmpty(prefix)
        && prefix.Split('.').All(label => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
