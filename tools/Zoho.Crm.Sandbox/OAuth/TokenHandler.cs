using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Engine;

namespace Zoho.Crm.Sandbox.OAuth;

/// <summary>
/// <c>POST /oauth/v2/token</c> (refresh-token grant) and <c>/oauth/v2/token/revoke</c>. Like Zoho's accounts
/// server, failures answer HTTP 200 with an <c>error</c> field; parameters may come as query or form fields.
/// </summary>
public sealed class TokenHandler(SandboxState state)
{
    public ZohoResult Token(ApiCall call)
    {
        if (call.Parameter("grant_type") != "refresh_token")
        {
            return OAuthError("unsupported_grant_type");
        }

        var client = state.Org.Clients.Find(c => c.ClientId == call.Parameter("client_id"));
        if (client is null || client.ClientSecret != call.Parameter("client_secret"))
        {
            return OAuthError("invalid_client");
        }

        var refresh = client.RefreshTokens.Find(r => r.Token == call.Parameter("refresh_token"));
        if (refresh is null || refresh.Revoked)
        {
            return OAuthError("invalid_code");
        }

        var grant = state.Tokens.TryIssue(refresh, state.Settings, state.Clock.Now);
        if (grant is null)
        {
            var throttled = new JsonObject
            {
                ["error_description"] = "You have made too many requests continuously. Please try again after some time.",
                ["error"] = "Access Denied",
                ["status"] = "failure",
            };
            return new ZohoResult(StatusCodes.Status200OK, throttled, "Access Denied");
        }

        var body = new JsonObject
        {
            ["access_token"] = grant.AccessToken,
            ["scope"] = string.Join(' ', grant.Scopes),
            ["api_domain"] = call.ApiDomain,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)(grant.ExpiresAt - grant.IssuedAt).TotalSeconds,
        };
        return ZohoResult.Ok(body, code: null);
    }

    /// <summary>Revoking a refresh token also invalidates its access tokens.</summary>
    public ZohoResult Revoke(ApiCall call)
    {
        var token = call.Parameter("token");
        var refresh = state.Org.Clients.SelectMany(c => c.RefreshTokens).FirstOrDefault(r => r.Token == token);
        if (refresh is null)
        {
            return OAuthError("invalid_token");
        }

        refresh.Revoked = true;
        state.Tokens.RevokeFor(refresh.Token);
        return ZohoResult.Ok(new JsonObject { ["status"] = "success" }, code: null);
    }

    private static ZohoResult OAuthError(string error) =>
        new(StatusCodes.Status200OK, new JsonObject { ["error"] = error }, error);
}
