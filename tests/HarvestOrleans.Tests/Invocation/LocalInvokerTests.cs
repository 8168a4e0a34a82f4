using System.Collections.Concurrent;
using HarvestOrleans.Client;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using HarvestOrleans.Samples;
using HarvestOrleans.Testing;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>
/// Issue 17: a client in a silo (the HTTP trigger's, functions' direct calls, async invocations) runs an invocation
/// placed on its own VM without a grain call; one placed on another VM still goes through that VM's invoker grain.
/// </summary>
[Trait("Category", "Cluster")]
public class LocalInvokerTests
{
    [Fact]
    public async Task A_silos_client_runs_invocations_placed_on_its_own_vm_without_calling_its_invoker_grain()
    {
        var calls = new ConcurrentDictionary<string, InvokerCallCounter>();
        await using var harvest = await new HarvestTestClusterBuilder()
            .AddVm("vm0", 4)
            .AddVm("vm1", 4)
            .ConfigureHarvest((vm, h) => h
                .AddTestFunctions()
                .ConfigureBalancing(o => o.Policy = BalancingPolicyNames.JoinShortestQueue)
                .Services.AddSingleton<IIncomingGrainCallFilter>(calls.GetOrAdd(vm.VmId, _ => new InvokerCallCounter())))
            .StartAsync();
        var client = harvest.ServiceOf<HarvestClient>("vm0"); // vm0's own client, as its trigger uses it
        var byVm = new ConcurrentDictionary<string, int>();

        // Join-shortest-queue spreads concurrent calls over both VMs: call until each has run some.
        await harvest.WaitUntilAsync(async () =>
        {
            var records = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.InvokeAsync(EchoFunction.Spec.Name, [1, 2, 3])));
            Assert.All(records, r => Assert.True(r.Status == InvocationStatus.Succeeded, $"{r.Status}: {r.Error}"));
            foreach (var r in records)
            {
                byVm.AddOrUpdate(r.VmId!, 1, (_, n) => n + 1);
            }

            return byVm.ContainsKey("vm0") && byVm.ContainsKey("vm1");
        }, "vm0's client placed invocations on both VMs");

        Assert.Equal(0, calls["vm0"].Invocations); // its own VM's: no grain call
        Assert.Equal(byVm["vm1"], calls["vm1"].Invocations); // the other VM's: one grain call each
    }

    /// <summary>Counts the invocation calls a silo's invoker grain receives.</summary>
    private sealed class InvokerCallCounter : IIncomingGrainCallFilter
    {
        private int _invocations;

        public int Invocations => Volatile.Read(ref _invocations);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IInvokerGrain) && context.InterfaceMethod.Name == nameof(IInvokerGrain.InvokeAsync))
            {
                Interlocked.Increment(ref _invocations);
            }

            return context.Invoke();
        }
    }
}
