using Zoho.Crm;

namespace Offboarding.Functions.Batches;

/// <summary>The org's users read once for a whole batch (one listing: ⌈users / page size⌉ calls), by id and by email.</summary>
public sealed class OrgDirectory
{
    private readonly Dictionary<string, ZohoUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZohoUser> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public OrgDirectory(IEnumerable<ZohoUser> users, string? currentUserId)
    {
        ArgumentNullException.ThrowIfNull(users);
        CurrentUserId = currentUserId;
        foreach (var user in users)
        {
            _byId[user.Id] = user;

            // Two users with one address: the active one answers, as the client's own directory does.
            if (!string.IsNullOrWhiteSpace(user.Email) && (!_byEmail.TryGetValue(user.Email.Trim(), out var seen) || Rank(user) < Rank(seen)))
            {
                _byEmail[user.Email.Trim()] = user;
            }
        }
    }

    /// <summary>The user the OAuth token acts as, who is never offboarded.</summary>
    public string? CurrentUserId { get; }

    public int Count => _byId.Count;

    public static async Task<OrgDirectory> ReadAsync(ZohoCrmClient zoho, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zoho);
        var users = new List<ZohoUser>();
        await foreach (var user in zoho.GetUsersAsync("AllUsers", cancellationToken).ConfigureAwait(false))
        {
            users.Add(user);
        }

        string? current = null;
        await foreach (var user in zoho.GetUsersAsync("CurrentUser", cancellationToken).ConfigureAwait(false))
        {
            current = user.Id;
            break;
        }

        return new OrgDirectory(users, current);
    }

    public ZohoUser? ById(string? id) => id is not null && _byId.TryGetValue(id, out var user) ? user : null;

    public ZohoUser? ByEmail(string? email) => email is not null && _byEmail.TryGetValue(email.Trim(), out var user) ? user : null;

    /// <summary>A user named by email or Zoho id, as a row's transferTo or the fallback setting names them.</summary>
    public ZohoUser? Find(string idOrEmail) => idOrEmail.Contains('@', StringComparison.Ordinal) ? ByEmail(idOrEmail) : ById(idOrEmail.Trim());

    private static int Rank(ZohoUser user) => user.Status switch
    {
        ZohoUserStatus.Active => 0,
        ZohoUserStatus.Deleted => 2,
        _ => 1,
    };
}
