using System.Runtime.CompilerServices;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>
/// Polls the process's cgroup CPU quota: v2 <c>cpu.max</c> under <paramref name="root"/> where present, else v1
/// <c>cpu.cfs_quota_us</c>/<c>cpu.cfs_period_us</c> (under <c>root/cpu</c> or <c>root</c>). Signals on every change; an
/// unlimited quota counts as the machine's processor count.
/// </summary>
public sealed class CgroupCoresSource(string root, TimeSpan pollInterval, TimeProvider time) : IHarvestSource
{
    public string Name => "cgroup";

    public async IAsyncEnumerable<HarvestSignal> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        double? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var cores = await ReadCoresAsync(cancellationToken);
            if (cores != last)
            {
                last = cores;
                yield return new CoresChanged(cores);
            }

            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    public async Task<double> ReadCoresAsync(CancellationToken cancellationToken)
    {
        var v2 = Path.Combine(root, "cpu.max");
        if (File.Exists(v2))
        {
            return CgroupCpuQuota.ParseV2(await File.ReadAllTextAsync(v2, cancellationToken)) ?? Environment.ProcessorCount;
        }

        foreach (var dir in new[] { Path.Combine(root, "cpu"), Path.Combine(root, "cpu,cpuacct"), root })
        {
            var quota = Path.Combine(dir, "cpu.cfs_quota_us");
            var period = Path.Combine(dir, "cpu.cfs_period_us");
            if (File.Exists(quota) && File.Exists(period))
            {
                return CgroupCpuQuota.FromV1(
                    CgroupCpuQuota.ParseLong(await File.ReadAllTextAsync(quota, cancellationToken), quota),
                    CgroupCpuQuota.ParseLong(await File.ReadAllTextAsync(period, cancellationToken), period)) ?? Environment.ProcessorCount;
            }
        }

        throw new FileNotFoundException($"No cgroup CPU quota under '{root}' (looked for cpu.max and cpu.cfs_quota_us/cpu.cfs_period_us).");
    }
}
