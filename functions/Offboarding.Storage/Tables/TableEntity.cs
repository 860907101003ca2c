using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;

namespace Offboarding.Storage.Tables;

/// <summary>
/// A table entity as a property bag, shaped like Azure.Data.Tables' TableEntity. Values are kept with their
/// CLR type (string, int, long, bool, double, Guid, DateTimeOffset, byte[]) and round-trip with Edm type annotations.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named like Azure.Data.Tables.TableEntity so a later swap to the SDK is mechanical.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            this[key] = value;
        }
    }

    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Set by the service; ignored when sending.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The stored version this entity was read at; pass it to updates and deletes for optimistic concurrency.</summary>
    public ETag ETag { get; set; }

    public int Count => _properties.Count;

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>A property's value, or null when the entity has no such property.</summary>
    public object? this[string key]
    {
        get => _properties.GetValueOrDefault(key);
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            _properties[key] = value;
        }
    }

    public string? GetString(string key) => Get(key, v => v as string);

    public int? GetInt32(string key) => Get(key, v => v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => (int?)null,
    });

    public long? GetInt64(string key) => Get(key, v => v switch
    {
        long l => l,
        int i => i,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => (long?)null,
    });

    public bool? GetBoolean(string key) => Get(key, v => v as bool?);

    public double? GetDouble(string key) => Get(key, v => v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => (double?)null,
    });

    public Guid? GetGuid(string key) => Get(key, v => v switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => (Guid?)null,
    });

    public DateTimeOffset? GetDateTimeOffset(string key) => Get(key, v => v switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => (DateTimeOffset?)null,
    });

    public byte[]? GetBinary(string key) => Get(key, v => v switch
    {
        byte[] b => b,
        BinaryData b => b.ToArray(),
        _ => null,
    });

    public void Add(string key, object? value) => _properties.Add(key, value);

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);

    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    public void Clear() => _properties.Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Missing or null → null; present with a type that cannot be read as <typeparamref name="T"/> → an error that
    /// names the property and its actual type, rather than a silent null.
    /// </summary>
    private T? Get<T>(string key, Func<object, T?> convert)
    {
        if (!_properties.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        return convert(value) ?? throw new InvalidOperationException(
            $"Property '{key}' is a {value.GetType().Name}, which cannot be read as {Nullable.GetUnderlyingType(typeof(T))?.Name ?? typeof(T).Name}.");
    }
}
