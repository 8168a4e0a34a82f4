namespace HarvestOrleans.Policies;

/// <summary>One PPO update, averaged over its gradient steps.</summary>
/// <param name="Loss">The total loss (see <see cref="PpoLossResult.Loss"/>).</param>
/// <param name="PolicyLoss">The clipped surrogate's loss.</param>
/// <param name="ValueLoss">The value network's squared error.</param>
/// <param name="Entropy">The policy's entropy.</param>
/// <param name="ClipFraction">Share of decisions held by the clip.</param>
/// <param name="ApproxKl">How far the policy moved from the one that collected the decisions.</param>
/// <param name="GradientSteps">Minibatches stepped (epochs × minibatches per epoch).</param>
/// <param name="MeanReward">The rollout's mean reward per decision.</param>
public readonly record struct PpoUpdateStats(
    double Loss,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double ClipFraction,
    double ApproxKl,
    int GradientSteps,
    double MeanReward);
