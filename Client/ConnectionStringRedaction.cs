using System.Text.RegularExpressions;

namespace HarvestOrleans.Client;

/// <summary>
/// Takes the secrets out of a connection string (Redis, Azure Storage) before it is shown to anyone: the values of
/// <c>password=</c>, <c>pwd=</c>, <c>AccountKey=</c>, <c>SharedAccessSignature=</c> (and any key ending in <c>password</c>),
/// and the password of a <c>user:pass@host</c> or <c>redis://user:pass@host</c> form, each replaced by <c>*****</c>.
/// </summary>
public static partial class ConnectionStringRedaction
{
    /// <summary>What a redacted secret is shown as.</summary>
    public const string Mask = "*****";

    /// <summary><paramref name="connectionString"/> with its secrets replaced by <see cref="Mask"/>; hosts, ports and options stay readable.</summary>
    public static string Redact(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var redacted = SecretSetting().Replace(connectionString, m => m.Groups["key"].Value + Mask);
        return UserInfo().Replace(redacted, m => m.Groups["user"].Value + ":" + Mask + "@");
    }

    /// <summary>
    /// <paramref name="text"/> (e.g. an error message that may quote the connection string or its parts) with
    /// <paramref name="connectionString"/> shown redacted and each of its secrets masked wherever else it appears.
    /// </summary>
    public static string Redact(string text, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(connectionString);
        var result = Redact(text.Replace(connectionString, Redact(connectionString), StringComparison.Ordinal));
        foreach (var secret in Secrets(connectionString))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return result;
    }

    private static IEnumerable<string> Secrets(string connectionString) =>
        SecretSetting().Matches(connectionString).Select(m => m.Groups["secret"].Value)
            .Concat(UserInfo().Matches(connectionString).Select(m => m.Groups["secret"].Value))
            .Where(s => s.Trim().Length > 0)
            .Distinct(StringComparer.Ordinal);

    // A setting of a comma- or semicolon-separated string whose value is a secret; the value runs to the next separator.
    [GeneratedRegex(@"(?<key>(?:^|(?<=[,;]))\s*(?:[A-Za-z]*password|pwd|AccountKey|SharedAccessSignature|SharedAccessKey)\s*=\s*)(?<secret>[^,;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretSetting();

    // user:secret@ at the start of the string, of an endpoint or after a URI's "//"; the secret runs to the last '@'
    // before the next separator (so a password may contain '@').
    [GeneratedRegex(@"(?<user>(?:^|(?<=[/,;\s]))[^:/@,;\s]*):(?!//)(?<secret>[^,;\s]*)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
