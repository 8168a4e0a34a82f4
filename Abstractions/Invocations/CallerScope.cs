namespace HarvestOrleans.Invocations;

/// <summary>
/// The namespaces a chain of calls may invoke: what the API key of the HTTP request that started it allows. Set where
/// the chain starts and carried by Orleans' <see cref="RequestContext"/> to every grain call made after it — into the
/// invoker, the function and the calls the function makes — so a key's scope applies to what its functions call. No
/// scope (a .NET caller's, an operator's) allows every namespace.
/// </summary>
public static class CallerScope
{
    private const string Key = "harvest.scope";

    /// <summary>Every namespace (an admin key's, a .NET caller's).</summary>
    public const string All = "*";

    /// <summary>
    /// Sets the scope for what this async flow calls from now on; null, or one that includes <see cref="All"/>, allows
    /// every namespace and is carried as nothing (no request-context value on every grain call of an admin's invocation).
    /// </summary>
    public static void Set(IEnumerable<string>? namespaces)
    {
        var allowed = namespaces?.ToArray();
        if (allowed is null || allowed.Contains(All))
        {
            RequestContext.Remove(Key);
            return;
        }

        RequestContext.Set(Key, string.Join(',', allowed));
    }

    /// <summary>The current scope as it is carried (null: every namespace), to store with work that runs later.</summary>
    public static string? Capture() => RequestContext.Get(Key) as string;

    /// <summary>Makes a <see cref="Capture">captured</see> scope the current one again.</summary>
    public static void Restore(string? captured)
    {
        if (captured is null)
        {
            RequestContext.Remove(Key);
        }
        else
        {
            RequestContext.Set(Key, captured);
        }
    }

    /// <summary>Whether the current scope allows invoking <paramref name="function"/> (by its namespace, <see cref="FunctionNamespace.Of"/>).</summary>
    public static bool Allows(string function)
    {
        if (RequestContext.Get(Key) is not string scope)
        {
            return true;
        }

        var ns = FunctionNamespace.Of(function);
        foreach (var allowed in scope.Split(','))
        {
            if (allowed == All || string.Equals(allowed, ns, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Function namespaces: a function's name up to its first '.'.</summary>
public static class FunctionNamespace
{
    /// <summary>The namespace of a function whose name has no '.'.</summary>
    public const string Default = "default";

    /// <summary>A function's namespace: its name up to the first '.', or <see cref="Default"/>.</summary>
    public static string Of(string function)
    {
        var dot = function.IndexOf('.');
        return dot > 0 ? function[..dot] : Default;
    }
}
