namespace Offboarding.Functions.Operators;

/// <summary>The blast-radius hold (section <c>Hold</c>).</summary>
public sealed class HoldOptions
{
    /// <summary>More offboardings than this accepted within <see cref="Window"/> trip the hold; 0 turns the hold off.</summary>
    public int Threshold { get; set; } = 25;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
