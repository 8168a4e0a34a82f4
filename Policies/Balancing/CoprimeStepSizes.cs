namespace HarvestOrleans.Policies;

/// <summary>
/// The step sizes OpenWhisk's hash balancer walks its invokers with: numbers in 1..x coprime with x and pairwise
/// coprime with each other, the smallest first (apache/openwhisk ShardingContainerPoolBalancer.scala 374-384). A step
/// coprime with x visits all x invokers before returning to the first.
/// </summary>
public static class CoprimeStepSizes
{
    // The last cluster size asked for and its steps. OpenWhisk computes them once per change of the invoker count
    // (ShardingContainerPoolBalancerState); recomputing per plan cost ~27 ms at 10,000 VMs (bench -- routing-cost).
    private static Tuple<int, IReadOnlyList<int>>? s_last; // a reference, so readers see a whole pair

    /// <summary><see cref="PairwiseCoprimeNumbersUntil"/>, remembered for the last <paramref name="x"/> (thread-safe).</summary>
    public static IReadOnlyList<int> For(int x)
    {
        if (Volatile.Read(ref s_last) is { } last && last.Item1 == x)
        {
            return last.Item2;
        }

        var steps = PairwiseCoprimeNumbersUntil(x);
        Volatile.Write(ref s_last, Tuple.Create(x, steps));
        return steps;
    }

    /// <summary>
    /// OpenWhisk's <c>pairwiseCoprimeNumbersUntil(x)</c>: scanning 1..x, keep a number when it is coprime with
    /// <paramref name="x"/> and with every number kept so far. Empty for x ≤ 0; [1] for x = 1 and 2.
    /// </summary>
    public static IReadOnlyList<int> PairwiseCoprimeNumbersUntil(int x)
    {
        var kept = new List<int>();
        for (var candidate = 1; candidate <= x; candidate++)
        {
            if (Gcd(candidate, x) == 1 && kept.TrueForAll(k => Gcd(k, candidate) == 1))
            {
                kept.Add(candidate);
            }
        }

        return kept.AsReadOnly();
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
