using Azure;

namespace Offboarding.Storage.Tables;

/// <summary>
/// One operation of a transaction. <paramref name="ETag"/> is the If-Match for updates and deletes;
/// the default means unconditional (<c>*</c>). Ignored for Add and upserts.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
