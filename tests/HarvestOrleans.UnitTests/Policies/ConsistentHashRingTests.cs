namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class ConsistentHashRingTests
{
    private static readonly string[] Vms = ["vm-a", "vm-b", "vm-c", "vm-d", "vm-e"];
    private static readonly string[] Functions = Enumerable.Range(0, 400).Select(i => $"fn-{i}").ToArray();

    [Fact]
    public void Home_is_the_first_vm_at_or_after_the_function_position_wrapping()
    {
        var ring = ConsistentHashRing.Build(Vms);
        var members = ring.Members.ToArray();
        var positions = members.Select(m => ConsistentHashRing.PositionOf(m, ring.Size)).ToArray();
        Assert.True(positions.SequenceEqual(positions.Order()), "ring order follows positions");
        foreach (var fn in Functions)
        {
            var p = ConsistentHashRing.PositionOf(fn, ring.Size);
            var expected = members.FirstOrDefault(m => ConsistentHashRing.PositionOf(m, ring.Size) >= p) ?? members[0];
            Assert.Equal(expected, ring.Home(fn));
        }
    }

    [Fact]
    public void Home_does_not_depend_on_the_order_vms_are_listed()
    {
        var a = ConsistentHashRing.Build(Vms);
        var b = ConsistentHashRing.Build(Vms.Reverse());
        Assert.All(Functions, fn => Assert.Equal(a.Home(fn), b.Home(fn)));
    }

    [Fact]
    public void A_leaving_vm_remaps_only_its_own_functions_to_its_successor()
    {
        var before = ConsistentHashRing.Build(Vms);
        var leaving = "vm-c";
        var order = before.Members.ToList();
        var successor = order[(order.IndexOf(leaving) + 1) % order.Count];
        var after = ConsistentHashRing.Build(Vms.Where(v => v != leaving));

        var moved = 0;
        foreach (var fn in Functions)
        {
            if (before.Home(fn) == leaving)
            {
                Assert.Equal(successor, after.Home(fn));
                moved++;
            }
            else
            {
                Assert.Equal(before.Home(fn), after.Home(fn));
            }
        }

        Assert.True(moved > 0, "the leaving VM was home to some functions");
    }

    [Theory]
    [InlineData("vm-new-1")]
    [InlineData("vm-new-2")]
    [InlineData("vm-new-3")]
    public void A_joining_vm_takes_only_functions_from_its_successor(string joining)
    {
        var before = ConsistentHashRing.Build(Vms);
        var after = ConsistentHashRing.Build([.. Vms, joining]);
        var order = after.Members.ToList();
        var successor = order[(order.IndexOf(joining) + 1) % order.Count];
        var predecessor = order[(order.IndexOf(joining) + order.Count - 1) % order.Count];
        var span = (ConsistentHashRing.PositionOf(joining, after.Size) - ConsistentHashRing.PositionOf(predecessor, after.Size) + after.Size) % after.Size;
        var taken = 0;
        foreach (var fn in Functions)
        {
            if (after.Home(fn) == joining)
            {
                Assert.Equal(successor, before.Home(fn));
                taken++;
            }
            else
            {
                Assert.Equal(before.Home(fn), after.Home(fn));
            }
        }

        // It takes about its share of the ring: 400 functions over 500 positions.
        Assert.InRange(taken, 0, (span * 400 / after.Size) + 20);
    }

    [Fact]
    public void Empty_ring_has_no_home()
    {
        Assert.Null(ConsistentHashRing.Build([]).Home("f"));
    }
}
