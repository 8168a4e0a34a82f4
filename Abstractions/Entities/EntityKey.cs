using System.Diagnostics.CodeAnalysis;

namespace HarvestOrleans.Entities;

/// <summary>An entity's grain key: its function's name and its id, <c>name/id</c> (names have no '/'; ids may).</summary>
public static class EntityKey
{
    /// <summary>The longest entity id accepted: 256 characters.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Ids are 1–<see cref="MaxIdLength"/> characters, none of them a control character.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && !id.Any(char.IsControl);

    /// <summary>The key of entity <paramref name="id"/> of function <paramref name="name"/>.</summary>
    public static string Of(string name, string id) => $"{name}/{id}";

    /// <summary>The name and id a key was made of.</summary>
    public static (string Name, string Id) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? throw new ArgumentException($"'{key}' is not an entity key (name/id).", nameof(key)) : (key[..slash], key[(slash + 1)..]);
    }
}
