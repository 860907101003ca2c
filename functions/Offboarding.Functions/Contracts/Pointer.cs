namespace Offboarding.Functions.Contracts;

/// <summary>JSON Pointer (RFC 6901) strings as problems and schema walks use them.</summary>
internal static class Pointer
{
    // Member names come from the sender: a problem echoes at most this much of one.
    private const int MaxEchoedName = 64;

    public static IEnumerable<string> Segments(string pointer) =>
        pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    public static string? LastSegment(string pointer) => Segments(pointer).LastOrDefault();

    public static string? ParentSegment(string pointer) => Segments(pointer).SkipLast(1).LastOrDefault();

    /// <summary>The pointer to member <paramref name="name"/> of <paramref name="parent"/>, printable.</summary>
    public static string Child(string parent, string name) => $"{parent}/{Escape(name)}";

    /// <summary>The pointer with control characters dropped and long member names cut, so a problem stays readable.</summary>
    public static string Printable(string pointer) =>
        pointer.Length == 0 ? pointer : string.Concat(Segments(pointer).Select(segment => "/" + Escape(segment)));

    private static string Escape(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c)).Take(MaxEchoedName)]);
        return clean.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
