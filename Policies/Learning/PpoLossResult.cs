namespace HarvestOrleans.Policies;

/// <summary>PPO's loss over a batch, its parts, and its gradient.</summary>
/// <param name="Loss">policy loss + c_v · value loss − c_e · entropy.</param>
/// <param name="PolicyLoss">−mean min(r·Â, clip(r, 1 − ε, 1 + ε)·Â).</param>
/// <param name="ValueLoss">mean (V − return)².</param>
/// <param name="Entropy">mean entropy of the policy over the candidates.</param>
/// <param name="ClipFraction">Share of decisions whose ratio lay outside [1 − ε, 1 + ε].</param>
/// <param name="ApproxKl">mean (log π_old − log π) of the chosen actions: how far the policy moved.</param>
/// <param name="Gradient">∂loss/∂parameters, in the order of <see cref="ScoreActorCritic.Parameters"/>.</param>
public sealed record PpoLossResult(
    double Loss,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double ClipFraction,
    double ApproxKl,
    IReadOnlyList<double[]> Gradient);
