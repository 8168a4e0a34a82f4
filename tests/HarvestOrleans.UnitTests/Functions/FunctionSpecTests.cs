using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;

namespace HarvestOrleans.UnitTests.Functions;

[Trait("Category", "Unit")]
public class FunctionSpecTests
{
    [Theory]
    [InlineData("echo", true)]
    [InlineData("image.resize_v2-x", true)]
    [InlineData("", false)]
    [InlineData("9lives", false)]
    [InlineData("has space", false)]
    [InlineData("slash/name", false)]
    [InlineData("echo\n", false)]
    [InlineData("echo\r\n", false)]
    [InlineData("\necho", false)]
    public void Names_follow_the_documented_pattern(string name, bool valid) =>
        Assert.Equal(valid, FunctionSpec.IsValidName(name));

    [Fact]
    public void Validation_names_every_problem()
    {
        var spec = new FunctionSpec { Name = "bad name", Cores = 0, MemoryMb = -1, Timeout = TimeSpan.FromHours(1), MaxConcurrency = 0 };
        var errors = spec.Validate();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("'bad name'"));
    }

    [Fact]
    public void Duplicate_registrations_are_refused_with_the_name_and_version()
    {
        var spec = new FunctionSpec { Name = "dup", Version = "3" };
        var registrations = new[] { new FunctionRegistration(spec, _ => null!), new FunctionRegistration(spec, _ => null!) };
        var ex = Assert.Throws<InvalidOperationException>(() => new RegisteredFunctionCatalog(registrations));
        Assert.Contains("'dup' version '3' is registered more than once", ex.Message);
    }

    [Fact]
    public void Latest_version_is_the_last_registered_and_versions_can_be_pinned()
    {
        var v1 = new FunctionRegistration(new FunctionSpec { Name = "f", Version = "1" }, _ => null!);
        var v2 = new FunctionRegistration(new FunctionSpec { Name = "f", Version = "2" }, _ => null!);
        var catalog = new RegisteredFunctionCatalog([v1, v2]);
        Assert.Same(v2, catalog.Find("f", null));
        Assert.Same(v1, catalog.Find("f", "1"));
        Assert.Null(catalog.Find("f", "3"));
        Assert.Null(catalog.Find("g", null));
    }
}
