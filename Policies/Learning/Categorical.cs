namespace HarvestOrleans.Policies;

/// <summary>A categorical distribution over candidates from their scores: softmax, log-probabilities, entropy, sampling.</summary>
public static class Categorical
{
    /// <summary>log Σ exp(scores), computed without overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("A distribution needs at least one candidate.", nameof(scores));
        }

        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        var sum = 0.0;
        foreach (var score in scores)
        {
            sum += Math.Exp(score - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>The softmax of <paramref name="scores"/>: the probability of each candidate.</summary>
    public static double[] Probabilities(ReadOnlySpan<double> scores)
    {
        var logSum = LogSumExp(scores);
        var probabilities = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = Math.Exp(scores[i] - logSum);
        }

        return probabilities;
    }

    /// <summary>−Σ p log p of the softmax of <paramref name="scores"/>.</summary>
    public static double Entropy(ReadOnlySpan<double> scores)
    {
        var logSum = LogSumExp(scores);
        var entropy = 0.0;
        foreach (var score in scores)
        {
            var logProbability = score - logSum;
            entropy -= Math.Exp(logProbability) * logProbability;
        }

        return entropy;
    }

    /// <summary>A candidate drawn with the probabilities of <paramref name="scores"/>' softmax.</summary>
    public static int Sample(ReadOnlySpan<double> scores, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var probabilities = Probabilities(scores);
        var draw = random.NextDouble();
        for (var i = 0; i < probabilities.Length; i++)
        {
            draw -= probabilities[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return probabilities.Length - 1; // rounding left a sliver: the last candidate
    }

    /// <summary>The highest-scoring candidate (the first of equals).</summary>
    public static int ArgMax(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("A distribution needs at least one candidate.", nameof(scores));
        }

        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }
}
