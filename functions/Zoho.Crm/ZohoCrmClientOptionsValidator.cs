using Microsoft.Extensions.Options;

namespace Zoho.Crm;

/// <summary>Checks <see cref="ZohoCrmClientOptions"/> when the app starts, each problem named by its app setting
/// (<c>Section__Property</c>), so a bad value stops the app at start.</summary>
internal sealed class ZohoCrmClientOptionsValidator(string sectionPath) : IValidateOptions<ZohoCrmClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ZohoCrmClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = sectionPath.Replace(":", "__", StringComparison.Ordinal) + "__";

        // Each problem starts with the property's name and never holds a secret value.
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(problem => prefix + problem));
    }
}
