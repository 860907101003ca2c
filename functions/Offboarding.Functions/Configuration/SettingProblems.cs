using Microsoft.Extensions.Options;

namespace Offboarding.Functions.Configuration;

/// <summary>Collects a validator's problems, each named by its app setting, so one failed start lists them all.</summary>
public sealed class SettingProblems
{
    private readonly List<string> _problems = [];

    public SettingProblems Check(bool valid, string settingKey, string problem)
    {
        if (!valid)
        {
            _problems.Add($"{SettingNames.AsAppSetting(settingKey)} {problem}");
        }

        return this;
    }

    public ValidateOptionsResult Result => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
