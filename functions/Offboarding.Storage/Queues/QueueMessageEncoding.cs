namespace Offboarding.Storage.Queues;

/// <summary>How message text is put on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>UTF-8 bytes, base64-encoded: what the Azure Functions queue trigger expects by default.</summary>
    Base64,

    /// <summary>The text as it is (XML-escaped in the request body); must not contain characters XML cannot carry.</summary>
    None,
}
