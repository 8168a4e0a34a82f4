using System.Security.Claims;

namespace HarvestOrleans.Http;

/// <summary>Function namespaces and the claims an API key carries.</summary>
public static class FunctionNamespaces
{
    public const string Default = "default";
    public const string All = "*";
    public const string NamespaceClaim = "harvest:namespace";
    public const string AdminClaim = "harvest:admin";
    public const string AdminPolicy = "HarvestAdmin";

    /// <summary>A function's namespace: its name up to the first '.', or <see cref="Default"/>.</summary>
    public static string Of(string function)
    {
        var dot = function.IndexOf('.');
        return dot > 0 ? function[..dot] : Default;
    }

    public static bool MayInvoke(this ClaimsPrincipal user, string function)
    {
        var ns = Of(function);
        return user.Claims.Any(c => c.Type == NamespaceClaim && (c.Value == All || string.Equals(c.Value, ns, StringComparison.Ordinal)));
    }
}
