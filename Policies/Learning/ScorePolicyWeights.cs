using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarvestOrleans.Policies;

/// <summary>
/// A trained <see cref="ScoreActorCritic"/> as a small JSON file: the names of the features it was trained on (a loader
/// refuses a file made for other features), the score network and the value network. Doubles are written in their
/// shortest round-trip form, so a file loads back to exactly the same network.
/// </summary>
public sealed record ScorePolicyWeights
{
    /// <summary>The <see cref="Format"/> this code writes and reads.</summary>
    public const string CURRENT_FORMAT = "harvestorleans/score-policy/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The file's format; <see cref="CURRENT_FORMAT"/>.</summary>
    public string Format { get; init; } = CURRENT_FORMAT;

    /// <summary>Free text: what the weights were trained on (workload, seed, iterations).</summary>
    public string? Description { get; init; }

    /// <summary>The state features, in input order.</summary>
    public required string[] StateFeatures { get; init; }

    /// <summary>The action features, in input order after the state's.</summary>
    public required string[] ActionFeatures { get; init; }

    /// <summary>The score network: [state, action] → one score.</summary>
    public required MlpState Score { get; init; }

    /// <summary>The value network: state → its expected return.</summary>
    public required MlpState Value { get; init; }

    /// <summary>The weights as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The weights in <paramref name="json"/>.</summary>
    /// <exception cref="FormatException">Not weights of <see cref="CURRENT_FORMAT"/>.</exception>
    public static ScorePolicyWeights FromJson(string json)
    {
        ScorePolicyWeights? weights;
        try
        {
            weights = JsonSerializer.Deserialize<ScorePolicyWeights>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The policy weights are not valid JSON: {ex.Message}", ex);
        }

        if (weights is null || weights.Format != CURRENT_FORMAT)
        {
            throw new FormatException($"The policy weights are not of format '{CURRENT_FORMAT}' (found '{weights?.Format}').");
        }

        return weights;
    }

    /// <summary>Writes the weights to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads the weights from <paramref name="path"/>.</summary>
    public static ScorePolicyWeights Load(string path) => FromJson(File.ReadAllText(path));
}
