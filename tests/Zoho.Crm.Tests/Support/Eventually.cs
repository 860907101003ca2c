namespace Zoho.Crm.Tests.Support;

/// <summary>Waits for a condition another task brings about; the deadline only bounds a failing test.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting until {what}.");
            await Task.Delay(5);
        }
    }
}
