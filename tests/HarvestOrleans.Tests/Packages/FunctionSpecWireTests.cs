using HarvestOrleans.Functions;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace HarvestOrleans.Tests.Packages;

/// <summary>
/// <see cref="FunctionSpec"/> is in the function SDK, which has no Orleans dependency: it crosses grain calls and
/// grain state through a surrogate in Abstractions. Its encoding (field ids, alias) is the one it had as a
/// [GenerateSerializer] record, so silos and stored state from before the SDK split still read it.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FunctionSpecWireTests
{
    private static readonly FunctionSpec Spec = new()
    {
        Name = "echo",
        Version = "3",
        Cores = 0.5,
        MemoryMb = 128,
        Timeout = TimeSpan.FromSeconds(30),
        MaxConcurrency = 8,
        Idempotent = true,
        LongRunning = true,
    };

    // Written by the [GenerateSerializer, Immutable, Alias("HarvestOrleans.FunctionSpec")] record before the split.
    private const string TypedBytes = "20E840096563686F41033381000000000000E03F0102048100A3E11100000000012101030103E0";
    private const string UntypedBytes = "3001849B029037486172766573744F726C65616E732E46756E6374696F6E53706563E840096563686F41033381000000000000E03F0102048100A3E11100000000012101030103E0";

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(PackagedFunction).Assembly))
        .BuildServiceProvider();

    private static Serializer Serializer => Services.GetRequiredService<Serializer>();

    [Fact]
    public void A_spec_is_written_as_before_the_sdk_split_with_the_entity_field_after_it()
    {
        // Issue 19 added field 8 (Entity, "0101": false); everything before it is encoded as before.
        Assert.Equal(TypedBytes[..^2] + "0101E0", Convert.ToHexString(Serializer.SerializeToArray(Spec)));
        Assert.Equal(UntypedBytes[..^2] + "0101E0", Convert.ToHexString(Serializer.SerializeToArray<object>(Spec)));
    }

    [Fact]
    public void A_spec_written_before_the_sdk_split_reads_back_equal()
    {
        Assert.Equal(Spec, Serializer.Deserialize<FunctionSpec>(Convert.FromHexString(TypedBytes)));
        Assert.Equal(Spec, Serializer.Deserialize<object>(Convert.FromHexString(UntypedBytes)));
    }

    [Fact]
    public void A_packaged_function_carries_its_spec()
    {
        var function = new PackagedFunction { Spec = Spec, Package = "p", Digest = "d", Assembly = "a.dll", EntryType = "T" };
        var copy = Serializer.Deserialize<PackagedFunction>(Serializer.SerializeToArray(function));
        Assert.Equal(function, copy);
    }

    [Fact]
    public void An_entitys_spec_says_so_across_the_wire()
    {
        var entity = Spec with { Entity = true };
        Assert.True(Serializer.Deserialize<FunctionSpec>(Serializer.SerializeToArray(entity))!.Entity);
    }

    [Fact]
    public void Copying_a_spec_returns_the_same_instance_since_it_is_immutable()
    {
        Assert.Same(Spec, Services.GetRequiredService<DeepCopier>().Copy(Spec));
    }
}
