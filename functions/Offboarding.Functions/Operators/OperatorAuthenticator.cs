using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>Who calls an operator route: Easy Auth's principal with the operator role where Easy Auth is in front (elsewhere
/// anyone could send that header), else the bearer operator key (refused in Azure unless allowed).</summary>
public sealed class OperatorAuthenticator(IOptions<OperatorOptions> options, OperatorHosting hosting)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>Names the person behind a shared operator key in the audit trail (the key holder is trusted to say).</summary>
    public const string OperatorNameHeader = "X-Operator-Name";

    public const string KeyCallerName = "operator key";

    private const int MaxNameLength = 100;

    private static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameClaimTypes = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

    private readonly OperatorOptions _options = options.Value;
    private readonly OperatorHosting _hosting = hosting;
    private readonly byte[]? _keyHash = string.IsNullOrEmpty(options.Value.Key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key));

    private bool KeyAccepted => _keyHash is not null && (!_hosting.InAzure || _options.AllowKeyInAzure);

    public OperatorAuthentication Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bearer = BearerToken(request.Header("Authorization"));
        if (bearer is not null && KeyAccepted)
        {
            // Compared as hashes in constant time: neither the key's length nor its prefix leaks through timing.
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)), _keyHash)
                ? OperatorAuthentication.Allowed(new OperatorIdentity(CallerName(request.Header(OperatorNameHeader)) ?? KeyCallerName))
                : Unauthenticated("The operator key is not valid.");
        }

        if (_hosting.EasyAuthEnabled && request.Header(PrincipalHeader) is { } principal)
        {
            return FromPrincipal(principal, request.Header(PrincipalNameHeader));
        }

        return Unauthenticated(WhatToSend());
    }

    private OperatorAuthentication FromPrincipal(string encoded, string? headerName)
    {
        ClientPrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(encoded), HttpAnswer.JsonOptions);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Unauthenticated("The client principal Easy Auth passed could not be read.");
        }

        var claims = principal?.Claims ?? [];
        var roleTypes = principal?.RoleTyp is { Length: > 0 } roleTyp ? [roleTyp, .. RoleClaimTypes] : RoleClaimTypes;
        var nameTypes = principal?.NameTyp is { Length: > 0 } nameTyp ? [nameTyp, .. NameClaimTypes] : NameClaimTypes;
        var name = CallerName(headerName)
            ?? nameTypes.Select(type => claims.FirstOrDefault(c => c.Typ == type)?.Val).Select(CallerName).FirstOrDefault(n => n is not null)
            ?? "unnamed Entra ID caller";
        var isOperator = claims.Any(c => roleTypes.Contains(c.Typ, StringComparer.Ordinal) && string.Equals(c.Val, _options.Role, StringComparison.Ordinal));
        return isOperator
            ? OperatorAuthentication.Allowed(new OperatorIdentity(name))
            : OperatorAuthentication.Refused(HttpAnswer.Problem(403, "forbidden", "Not an operator",
                $"Signed in as {name}, without the app role '{_options.Role}' that operator endpoints need."));
    }

    private string WhatToSend() => (_hosting.EasyAuthEnabled, KeyAccepted) switch
    {
        (true, _) => "Sign in through the app's Microsoft Entra ID login.",
        (false, true) => "Send the operator key as 'Authorization: Bearer <key>'.",
        (false, false) when _hosting.InAzure && _keyHash is not null =>
            $"The operator key is not accepted in Azure unless {SettingNames.AsAppSetting(SettingNames.OperatorsAllowKeyInAzure)} is true; put App Service Authentication in front of the app instead.",
        _ => $"No operator sign-in is configured: set {SettingNames.AsAppSetting(SettingNames.OperatorsKey)}, or put App Service Authentication in front of the app.",
    };

    private static OperatorAuthentication Unauthenticated(string detail) =>
        OperatorAuthentication.Refused(HttpAnswer.Problem(401, "unauthenticated", "Operator sign-in required", detail),
            new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });

    private static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;

    // A name goes into audit entries and events: printable, trimmed, bounded.
    private static string? CallerName(string? value)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name) || name.Any(char.IsControl))
        {
            return null;
        }

        return name.Length > MaxNameLength ? name[..MaxNameLength] : name;
    }

    private sealed record ClientPrincipal(
        [property: System.Text.Json.Serialization.JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("name_typ")] string? NameTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("role_typ")] string? RoleTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("claims")] IReadOnlyList<ClientPrincipalClaim>? Claims);

    private sealed record ClientPrincipalClaim(
        [property: System.Text.Json.Serialization.JsonPropertyName("typ")] string Typ,
        [property: System.Text.Json.Serialization.JsonPropertyName("val")] string Val);
}
