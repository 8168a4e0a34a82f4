using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Http;

/// <summary>
/// Authenticates a request by its API key: the <c>X-Api-Key</c> header or <c>Authorization: Bearer</c>. Only a browser
/// opening the page (<c>/ui</c>) or the dashboard (<c>/dashboard</c>) with a GET may log in with the <c>api-key</c> query
/// parameter; the key is then kept in a cookie (HTTP-only, SameSite=Strict, Secure over HTTPS) that is accepted only on
/// GETs of the page, the dashboard and the cluster data the page reads. Anywhere else (every invocation, every POST) a
/// key in the query string or the cookie is ignored, so such a request is a 401: keys in URLs end up in logs and browser
/// history, and a cookie must not be able to invoke functions. A missing or unknown key is a 401; a key without the
/// right scope a 403.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRing keys) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "HarvestApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string QueryName = "api-key";
    public const string CookieName = "harvest-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (presented, fromQuery) = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } principal)
        {
            LogUnknownKey(Logger, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        if (fromQuery)
        {
            Response.Cookies.Append(CookieName, presented, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = Request.IsHttps, Path = "/" });
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return Response.WriteAsJsonAsync(new HttpError("Unauthorized", $"A valid API key is required: send it in the {HeaderName} header."), HttpTriggerJson.Default.HttpError);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(new HttpError("Forbidden", "This API key is not allowed here (function namespace or admin scope)."), HttpTriggerJson.Default.HttpError);
    }

    private static (string? Key, bool FromQuery) Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            return (header.ToString(), false);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (authorization["Bearer ".Length..].Trim(), false);
        }

        if (!IsBrowserRead(request))
        {
            return (null, false);
        }

        if (IsPagePath(request.Path) && request.Query.TryGetValue(QueryName, out var query) && !string.IsNullOrEmpty(query))
        {
            return (query.ToString(), true);
        }

        return (request.Cookies[CookieName], false);
    }

    /// <summary>A GET (or HEAD) of the page, the dashboard, the root (which redirects to the page) or the cluster data the page reads: where the cookie counts.</summary>
    private static bool IsBrowserRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (IsPagePath(request.Path) || request.Path == "/" || request.Path.StartsWithSegments("/api/cluster", StringComparison.OrdinalIgnoreCase));

    /// <summary>The page and the dashboard: the only paths whose GET may log in with the key in the query string.</summary>
    private static bool IsPagePath(PathString path) =>
        path.StartsWithSegments("/ui", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an unknown API key for {Path}")]
    private static partial void LogUnknownKey(ILogger logger, string path);
}

/// <summary>
/// The configured keys, compared in constant time (by their SHA-256, so lengths leak nothing either), each with the
/// principal it authenticates as (built once: its claims are its namespaces and admin scope).
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly (byte[] Hash, ClaimsPrincipal Principal)[] _keys;

    public ApiKeyRing(IOptions<HttpTriggerOptions> options, GeneratedApiKey generated)
    {
        var configured = options.Value.ApiKeys.Count > 0 ? options.Value.ApiKeys : [generated.Key];
        _keys = configured.Select(k => (Hash(k.Key), Principal(k))).ToArray();
    }

    public ClaimsPrincipal? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presented, hash);
        ClaimsPrincipal? found = null;
        foreach (var (candidate, principal) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                found = principal;
            }
        }

        return found;
    }

    private static ClaimsPrincipal Principal(ApiKeyOptions key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Namespaces.Select(ns => new Claim(FunctionNamespaces.NamespaceClaim, ns)));
        if (key.Admin)
        {
            claims.Add(new Claim(FunctionNamespaces.AdminClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }

    private static byte[] Hash(string key)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        Hash(key, hash);
        return hash;
    }

    /// <summary>Hashes without allocating for keys of usual length: every request presents one.</summary>
    private static void Hash(string key, Span<byte> hash)
    {
        const int StackBytes = 256;
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = max > StackBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
            var length = Encoding.UTF8.GetBytes(key, utf8);
            SHA256.HashData(utf8[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>The admin key used when none is configured: random per run, logged once at start-up.</summary>
internal sealed class GeneratedApiKey
{
    public ApiKeyOptions Key { get; } = new()
    {
        Name = "generated",
        Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Namespaces = [FunctionNamespaces.All],
        Admin = true,
    };
}

/// <summary>The body of every refusal the trigger writes itself.</summary>
public sealed record HttpError(string Error, string Message);
