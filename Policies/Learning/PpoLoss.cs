using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.Policies;

/// <summary>
/// PPO's clipped objective for a per-candidate score policy and its gradient, by hand: the scores of every candidate
/// of the batch in one forward pass, the softmax per decision, then ∂loss/∂score back through the score network and
/// ∂loss/∂value back through the value network.
/// </summary>
public static class PpoLoss
{
    /// <summary>The loss of <paramref name="batch"/> under <paramref name="network"/> with <paramref name="settings"/>, and its gradient.</summary>
    public static PpoLossResult Evaluate(ScoreActorCritic network, IReadOnlyList<PpoSample> batch, PpoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(settings);
        if (batch.Count == 0)
        {
            throw new ArgumentException("PPO's loss needs at least one decision.", nameof(batch));
        }

        var observations = new PolicyObservation[batch.Count];
        for (var t = 0; t < batch.Count; t++)
        {
            network.CheckShape(batch[t].Observation);
            observations[t] = batch[t].Observation;
        }

        var scorePass = network.Score.Forward(ScoreActorCritic.ScoreInputs(observations));
        var valuePass = network.Value.Forward(Matrix<double>.Build.DenseOfRowArrays(observations.Select(o => o.State)));
        var scores = scorePass.Output;
        var scoreGradient = Matrix<double>.Build.Dense(scores.RowCount, 1);
        var valueGradient = Matrix<double>.Build.Dense(batch.Count, 1);
        double n = batch.Count, policyLoss = 0, valueLoss = 0, entropySum = 0, clipped = 0, kl = 0;
        var row = 0;
        for (var t = 0; t < batch.Count; t++)
        {
            var sample = batch[t];
            var count = sample.Observation.Candidates.Count;
            if (sample.Action < 0 || sample.Action >= count)
            {
                throw new ArgumentException($"Decision {t} chose candidate {sample.Action} of {count}.", nameof(batch));
            }

            var logits = new double[count];
            for (var i = 0; i < count; i++)
            {
                logits[i] = scores[row + i, 0];
            }

            var logSum = Categorical.LogSumExp(logits);
            var probabilities = new double[count];
            var entropy = 0.0;
            for (var i = 0; i < count; i++)
            {
                var logProbability = logits[i] - logSum;
                probabilities[i] = Math.Exp(logProbability);
                entropy -= probabilities[i] * logProbability;
            }

            var chosenLog = logits[sample.Action] - logSum;
            var ratio = Math.Exp(chosenLog - sample.OldLogProbability);
            var unclipped = ratio * sample.Advantage;
            var clippedSurrogate = Math.Clamp(ratio, 1 - settings.Clip, 1 + settings.Clip) * sample.Advantage;
            policyLoss -= Math.Min(unclipped, clippedSurrogate);
            entropySum += entropy;
            kl += sample.OldLogProbability - chosenLog;
            if (Math.Abs(ratio - 1) > settings.Clip)
            {
                clipped++;
            }

            // ∂(−min)/∂log π(a): −Â·r where the unclipped term is the smaller (there it equals the clipped one inside the
            // range), 0 where clipping holds the ratio.
            var byChosenLog = unclipped <= clippedSurrogate ? -sample.Advantage * ratio : 0;
            for (var i = 0; i < count; i++)
            {
                // ∂log π(a)/∂sᵢ = [i = a] − πᵢ; ∂H/∂sᵢ = −πᵢ(log πᵢ + H), and the loss subtracts c_e·H.
                var byScore = byChosenLog * ((i == sample.Action ? 1 : 0) - probabilities[i])
                    + settings.EntropyCoefficient * probabilities[i] * (logits[i] - logSum + entropy);
                scoreGradient[row + i, 0] = byScore / n;
            }

            var error = valuePass.Output[t, 0] - sample.Return;
            valueLoss += error * error;
            valueGradient[t, 0] = 2 * settings.ValueCoefficient * error / n;
            row += count;
        }

        policyLoss /= n;
        valueLoss /= n;
        var meanEntropy = entropySum / n;
        var loss = policyLoss + settings.ValueCoefficient * valueLoss - settings.EntropyCoefficient * meanEntropy;
        var gradient = network.Score.Backward(scorePass, scoreGradient).Arrays()
            .Concat(network.Value.Backward(valuePass, valueGradient).Arrays())
            .ToList();
        return new PpoLossResult(loss, policyLoss, valueLoss, meanEntropy, clipped / n, kl / n, gradient);
    }
}
