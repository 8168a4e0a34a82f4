using System.Security.Claims;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Http;

/// <summary>Function namespaces and the claims an API key carries.</summary>
public static class FunctionNamespaces
{
    /// <summary>The namespace of a function whose name has no '.'.</summary>
    public const string Default = FunctionNamespace.Default;
    /// <summary>A key's namespace entry that allows every namespace.</summary>
    public const string All = "*";
    /// <summary>The claim naming a namespace the caller's key may invoke (one per namespace).</summary>
    public const string NamespaceClaim = "harvest:namespace";
    /// <summary>The claim of an admin key: it may read and steer the cluster.</summary>
    public const string AdminClaim = "harvest:admin";
    /// <summary>The authorization policy of the admin routes, the page, the dashboard and the metrics.</summary>
    public const string AdminPolicy = "HarvestAdmin";

    /// <summary>A function's namespace: its name up to the first '.', or <see cref="Default"/>.</summary>
    public static string Of(string function) => FunctionNamespace.Of(function);

    /// <summary>Whether <paramref name="user"/>'s key allows invoking <paramref name="function"/> (by its namespace).</summary>
    public static bool MayInvoke(this ClaimsPrincipal user, string function)
    {
        var ns = Of(function);
        return user.Claims.Any(c => c.Type == NamespaceClaim && (c.Value == All || string.Equals(c.Value, ns, StringComparison.Ordinal)));
    }

    /// <summary>The namespaces <paramref name="user"/>'s key may invoke (<see cref="All"/> for every one): the scope of what its functions call.</summary>
    public static IEnumerable<string> Namespaces(this ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type == NamespaceClaim).Select(c => c.Value);
}
