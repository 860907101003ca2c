using System.Globalization;
using System.Runtime.CompilerServices;

namespace Zoho.Crm;

/// <summary>Every way the client reads users: Zoho's listing, a fresh read by id, and the cached directory for
/// email and id look-ups, since Zoho cannot search users by email.</summary>
internal sealed class ZohoUserLookup : IDisposable
{
    private readonly ZohoApiTransport _transport;
    private readonly int _pageSize;
    private readonly ZohoUserDirectory _directory;

    public ZohoUserLookup(ZohoClientContext context, ZohoApiTransport transport)
    {
        _transport = transport;
        _pageSize = context.Options.UsersPageSize;
        _directory = new ZohoUserDirectory(ct => ListAsync("AllUsers", ct), GetAsync, context.Options.UserDirectoryTtl,
            context.Time, context.Logger);
    }

    /// <summary>Users of a type, page by page, so a large org is never held in one answer.</summary>
    public async IAsyncEnumerable<ZohoUser> ListAsync(string type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUsers, "user listing",
            ClientValidation.IsId(type) ? [] : [(ZohoErrorCodes.InvalidData, "type must be a Zoho user type such as AllUsers or ActiveUsers.")]);

        for (var page = 1; ; page++)
        {
            var response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.GetUsers,
                Method = HttpMethod.Get,
                Path = ["users"],
                Query =
                [
                    ZohoApiRequest.Param("type", type),
                    ZohoApiRequest.Param("page", page.ToString(CultureInfo.InvariantCulture)),
                    ZohoApiRequest.Param("per_page", _pageSize.ToString(CultureInfo.InvariantCulture)),
                ],
            }, cancellationToken).ConfigureAwait(false);

            if (response.IsNoContent)
            {
                yield break;
            }

            var users = ZohoUserReader.ReadUsers(response.Body);
            foreach (var user in users)
            {
                yield return user;
            }

            if (users.Count == 0 || !ZohoUserReader.HasMoreRecords(response.Body))
            {
                yield break;
            }
        }
    }

    /// <summary>One user as Zoho has them now, for answers that must not come from a cached listing.</summary>
    public async Task<ZohoUser?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUser, "user request",
            ClientValidation.IsId(userId) ? [] : [(ZohoErrorCodes.InvalidData, "userId is required and must not contain whitespace.")]);
        try
        {
            var response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.GetUser,
                Method = HttpMethod.Get,
                Path = ["users", userId],
            }, cancellationToken).ConfigureAwait(false);
            return response.IsNoContent ? null : ZohoUserReader.ReadUsers(response.Body).FirstOrDefault();
        }
        catch (ZohoCrmException ex) when (ex.Code == ZohoErrorCodes.InvalidData && ex.HttpStatus == 400)
        {
            // "the id given seems to be invalid": no such user.
            return null;
        }
    }

    /// <summary>The user with this email from the cached listing, so a burst of look-ups costs one listing.</summary>
    public Task<ZohoUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUsers, "user lookup",
            string.IsNullOrWhiteSpace(email) ? [(ZohoErrorCodes.InvalidData, "email is required.")] : []);
        return _directory.FindByEmailAsync(email, cancellationToken);
    }

    /// <summary>The user with this id from the cached listing, so a fresh listing answers without a call.</summary>
    public Task<ZohoUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetUser, "user lookup",
            ClientValidation.IsId(userId) ? [] : [(ZohoErrorCodes.InvalidData, "userId is required and must not contain whitespace.")]);
        return _directory.FindByIdAsync(userId, cancellationToken);
    }

    /// <summary>Drops the cached listing, for callers who know users changed outside this client.</summary>
    public void Invalidate() => _directory.Invalidate();

    /// <summary>A job may now change this user and their reports, so only they are read fresh, not the whole listing.</summary>
    public void ExpectTransferAndDelete(string userId) => _directory.ExpectTransferAndDelete(userId);

    public void Dispose() => _directory.Dispose();
}
