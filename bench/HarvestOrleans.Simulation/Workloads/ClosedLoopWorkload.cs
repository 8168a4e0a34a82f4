using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation.Workloads;

/// <summary>
/// The paper's load generator: <paramref name="users"/> users, each invoking a function drawn from the weighted mix,
/// waiting for its result, then thinking for an exponentially distributed time (mean 10 s in the paper). Users start
/// spread out by one think time, as the live driver's do.
/// </summary>
/// <param name="weights">Weight of each function index (non-negative, some positive).</param>
public sealed class ClosedLoopWorkload(int users, double meanThinkSeconds, IReadOnlyList<double> weights) : ISimWorkload
{
    private readonly double[] _cumulative = Cumulative(weights);

    public void Start(IWorkloadHost host)
    {
        for (var user = 0; user < users; user++)
        {
            host.WakeAt(host.NowSeconds + Think(host.Random), user);
        }
    }

    public void OnWake(IWorkloadHost host, int token) => host.Invoke(Pick(host.Random.NextDouble()), token);

    public void OnFinal(IWorkloadHost host, in SimRecord record, int token)
    {
        var at = host.NowSeconds + Think(host.Random);
        if (token >= 0 && at < host.EndSeconds)
        {
            host.WakeAt(at, token);
        }
    }

    private double Think(Random random) => meanThinkSeconds * -Math.Log(1 - random.NextDouble());

    private int Pick(double uniform)
    {
        var target = uniform * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = Math.Min(index < 0 ? ~index : index + 1, _cumulative.Length - 1);
        while (index < _cumulative.Length - 1 && _cumulative[index] == (index == 0 ? 0 : _cumulative[index - 1]))
        {
            index++; // a zero weight is never chosen
        }

        return index;
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        if (weights.Count == 0 || weights.Any(w => !(w >= 0)) || weights.Sum() <= 0)
        {
            throw new ArgumentException("A closed-loop mix needs at least one function and non-negative weights, some positive.", nameof(weights));
        }

        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }
}
