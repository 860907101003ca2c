using System.Text.Json;

namespace Zoho.Crm;

/// <summary>The JSON body of a transfer-and-delete call: one element, with <c>transfer</c> and/or <c>move_subordinate</c>.</summary>
internal static class TransferAndDeleteBody
{
    public static byte[] Build(TransferAndDeleteRequest request)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("transfer_and_delete");
            json.WriteStartObject();
            if (!request.UrlForm)
            {
                json.WriteString("id", request.UserId);
            }

            if (request.TransferToUserId is { } target)
            {
                json.WriteStartObject("transfer");
                json.WriteString("id", target);
                json.WriteBoolean("records", request.TransferRecords);
                json.WriteBoolean("assignment", request.TransferAssignments);
                json.WriteBoolean("criteria", request.TransferCriteria);
                json.WriteEndObject();
            }

            if (request.SubordinatesTargetUserId is { } subordinatesTarget)
            {
                json.WriteStartObject("move_subordinate");
                json.WriteString("id", subordinatesTarget);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
