using System.Globalization;
using System.Xml.Linq;
using Azure;

namespace Offboarding.Storage.Queues;

/// <summary>Reads the service's <c>&lt;QueueMessagesList&gt;</c> XML (which may start with a BOM).</summary>
internal static class QueueMessageList
{
    public static IEnumerable<XElement> Read(Response response)
    {
        using var stream = response.Content.ToStream();
        var document = XDocument.Load(stream);
        return document.Root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue service response has no {name}.");

    public static DateTimeOffset Date(XElement message, string name) => ParseDate(Text(message, name));

    public static long Long(XElement message, string name) => long.Parse(Text(message, name), CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string rfc1123) =>
        DateTimeOffset.ParseExact(rfc1123, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
