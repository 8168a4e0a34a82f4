using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation.Workloads;

/// <summary>
/// Sends a time-ordered stream of arrivals on time whatever the responses do. The stream is read one arrival ahead,
/// so a workload of millions of invocations holds one at a time.
/// </summary>
public sealed class OpenLoopWorkload(IEnumerable<Arrival> arrivals) : ISimWorkload
{
    private IEnumerator<Arrival>? _next;
    private bool _has;

    public void Start(IWorkloadHost host)
    {
        _next = arrivals.GetEnumerator();
        Advance(host);
    }

    public void OnWake(IWorkloadHost host, int token)
    {
        // Within a microsecond counts as due: the host's clock has microsecond resolution.
        while (_has && _next!.Current.AtSeconds <= host.NowSeconds + 1e-6)
        {
            host.Invoke(_next.Current.Function, -1);
            _has = _next.MoveNext() && _next.Current.AtSeconds < host.EndSeconds;
        }

        if (_has)
        {
            host.WakeAt(_next!.Current.AtSeconds, 0);
        }
    }

    public void OnFinal(IWorkloadHost host, in SimRecord record, int token)
    {
    }

    private void Advance(IWorkloadHost host)
    {
        _has = _next!.MoveNext() && _next.Current.AtSeconds < host.EndSeconds;
        if (_has)
        {
            host.WakeAt(_next.Current.AtSeconds, 0);
        }
    }
}
